# The Workflows server image: built with the SDK, run on the ASP.NET Core runtime as the non-root user "app".
# Read-only root filesystem friendly: the only writable paths are /tmp (tmpfs) and /data (attachments volume).
# Build: docker build -t workflows-server .   Run: see docker-compose.yml (SQL Server) or docker-compose.postgres.yml.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The server's build restores the designer's npm packages (bpmn-js, form-js) into wwwroot/lib.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
# Published for the image's runtime, so ReadyToRun precompiles the server and its packages (a start JITs far less).
ARG TARGETARCH
RUN dotnet publish src/Workflows.Server/Workflows.Server.csproj -c Release -o /app/publish -p:UseAppHost=false \
      -r linux-$([ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64) --self-contained false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish ./
# The shipped catalogue: procedures, forms, calendars and the directory (deployed on start when changed).
COPY workflows/ /app/workflows/
RUN mkdir -p /data/blobs && chown -R app:app /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Workflows__CatalogPath=/app/workflows \
    Attachments__Path=/data/blobs \
    DOTNET_NOLOGO=1
VOLUME /data
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Workflows.Server.dll"]
