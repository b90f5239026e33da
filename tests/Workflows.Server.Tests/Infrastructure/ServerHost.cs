// One running Workflows server behind the real HTTP pipeline (TestServer), configured for a fixture's database and
// catalogue, with bearer-token clients per demo user.
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Workflows.Data;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>A started server; dispose it to simulate a shutdown (a new one on the same fixture is a restart).</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private bool _disposed;

    internal ServerHost(HostFixture fixture, HostOptions options) =>
        _factory = new Factory(fixture, options);

    /// <summary>The host's services (the DispatchGate, a database context…).</summary>
    public IServiceProvider Services => _factory.Services;

    internal Task StartAsync() => Task.Run(() => _factory.Server);

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>A client signed in as a demo user (password <c>demo</c>) with a bearer token.</summary>
    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync(
                "/api/auth/login",
                new { userName, password = "demo" }
            );
            Assert.True(
                response.IsSuccessStatusCode,
                $"login as {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
            );
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            token = (string)body!["accessToken"]!;
            _tokens[userName] = token;
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a query against the host's database.</summary>
    public async Task<T> QueryAsync<T>(Func<WorkflowsDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _factory.DisposeAsync();
    }

    private sealed class Factory(HostFixture fixture, HostOptions options)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", fixture.Provider);
            builder.UseSetting("ConnectionStrings:Workflows", fixture.ConnectionString);
            builder.UseSetting("Hangfire:Storage", options.HangfireStorage);
            builder.UseSetting("Workflows:CatalogPath", fixture.CatalogPath);
            builder.UseSetting(
                "Workflows:ServiceRetries",
                options.ServiceRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
            builder.UseSetting("Demo:Enabled", "true");
            if (options.MaxRequestBodyBytes is { } max)
                builder.UseSetting(
                    "Workflows:MaxRequestBodyBytes",
                    max.ToString(System.Globalization.CultureInfo.InvariantCulture)
                );
            foreach (var (key, value) in options.Settings ?? new Dictionary<string, string>())
                builder.UseSetting(key, value);
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureServices(s => options.Services?.Invoke(s));
        }
    }
}
