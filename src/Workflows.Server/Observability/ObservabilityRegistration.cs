// Metrics (Prometheus at /metrics), traces (our spans + ASP.NET Core + HttpClient, exported by OTLP when configured) and the Hangfire health check.
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Server.Auth;

namespace Workflows.Server.Observability;

/// <summary>Registration of the observability feature.</summary>
public static class ObservabilityRegistration
{
    /// <summary>Configuration key: when true, <c>/metrics</c> requires an administrator; default false (scraped anonymously on an internal network).</summary>
    public const string MetricsRequireAuthKey = "Observability:MetricsRequireAuth";

    /// <summary>Adds OpenTelemetry metrics and tracing, the gauges and the Hangfire readiness check.</summary>
    public static IServiceCollection AddWorkflowsObservability(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.AddSingleton<WorkflowsGauges>();
        services.AddHealthChecks().AddCheck<HangfireHealthCheck>("hangfire", tags: ["ready"]);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services
            .AddOpenTelemetry()
            .ConfigureResource(r =>
                r.AddService(
                    "workflows",
                    serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"
                )
            )
            .WithMetrics(m =>
                m.AddMeter(WorkflowsMetrics.MeterName, Workflows.Data.SqliteWriteGate.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter()
            );
        // Spans are recorded only when they go somewhere: a tracer without an exporter still created and filled a dozen
        // activities per command (the request, the command, its phases) for nobody, about a tenth of a command's CPU.
        if (otlp)
            telemetry.WithTracing(t =>
                t.AddSource(WorkflowsTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(o =>
                        o.Filter = http =>
                            !http.Request.Path.StartsWithSegments("/metrics")
                            && !http.Request.Path.StartsWithSegments("/health")
                    )
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter()
            );
        return services;
    }

    /// <summary>Maps <c>/metrics</c> (anonymous unless <see cref="MetricsRequireAuthKey"/> is true) and starts the gauges.</summary>
    public static WebApplication MapWorkflowsMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<WorkflowsGauges>();
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Configuration.GetValue(MetricsRequireAuthKey, false))
            endpoint.RequireAuthorization(Policies.Admin);
        else
            endpoint.AllowAnonymous();
        return app;
    }
}
