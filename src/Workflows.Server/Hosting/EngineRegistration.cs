using Microsoft.Extensions.Options;
using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;
using Workflows.Server.Jobs;

namespace Workflows.Server.Hosting;

/// <summary>Registers the engine and the application services around it; the host reads as a list of capabilities.</summary>
public static class EngineRegistration
{
    /// <summary>Engine (interpreter, expressions, calendar), catalogue, runtime, outbox and jobs.</summary>
    public static IServiceCollection AddWorkflowsEngine(
        this IServiceCollection services,
        IConfiguration configuration,
        string contentRoot
    )
    {
        services.Configure<WorkflowsOptions>(configuration.GetSection(WorkflowsOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CatalogPaths(
            CatalogLocator.Find(
                sp.GetRequiredService<IOptions<WorkflowsOptions>>().Value.CatalogPath,
                contentRoot
            )
        ));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowsOptions>>().Value;
            var calendarOptions = CalendarOptions.Default with
            {
                TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone),
            };
            var dir = sp.GetRequiredService<CatalogPaths>().Calendars;
            return dir is not null && Directory.Exists(dir)
                ? WorkingCalendar.FromDirectory(dir, calendarOptions)
                : new WorkingCalendar([], calendarOptions);
        });
        services.AddSingleton<IBusinessCalendar>(sp => sp.GetRequiredService<WorkingCalendar>());
        // The sandbox's time limit is generous by default on a server: the first evaluations after start run
        // cold (JIT, Jint warm-up), and a busy 2-core node must not turn them into incidents.
        services.AddSingleton<IExpressionEvaluator>(sp => new JintExpressionEvaluator(
            new ExpressionOptions
            {
                Timeout = TimeSpan.FromMilliseconds(
                    configuration.GetValue("Workflows:Expressions:TimeoutMs", 1000)
                ),
                Clock = sp.GetRequiredService<TimeProvider>(),
            }
        ));
        services.AddSingleton(sp => new WorkflowInterpreter(
            sp.GetRequiredService<IExpressionEvaluator>(),
            sp.GetRequiredService<IBusinessCalendar>(),
            sp.GetRequiredService<TimeProvider>()
        ));
        services.AddSingleton<DirectoryCatalog>();
        services.AddSingleton<FormCatalog>();
        services.AddSingleton<ServiceHandlerRegistry>();
        services.AddSingleton<HostKnowledge>();
        services.AddSingleton<DefinitionCache>();
        services.AddScoped<Application.Designer.FormVersions>();
        services.AddScoped<DeploymentService>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DispatchGate>();
        services
            .AddOptions<Application.Timers.TimerFiringOptions>()
            .BindConfiguration(Application.Timers.TimerFiringOptions.Section);
        services.AddSingleton<Application.Timers.TimerFiring>();
        services.AddSingleton<Application.Timers.TimerFailures>();
        services.AddSingleton<Application.Timers.TimerBuckets>();
        services.AddSingleton<Application.Timers.TimerReconciler>();
        services.AddSingleton<Application.Timers.TimerDrain>();
        services.AddTransient<TimerBucketJob>();
        services.AddTransient<TimerJob>();
        services.AddTransient<ServiceTaskJob>();
        services.AddTransient<SweepJob>();
        services.AddTransient<DatabaseStatisticsJob>();
        services.Configure<Application.Retention.RetentionOptions>(
            configuration.GetSection(Application.Retention.RetentionOptions.Section)
        );
        services.AddSingleton<Application.Retention.RetentionService>();
        // First: it turns SQLite's automatic checkpoints off before StartupTasks opens connections.
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddHostedService<StartupTasks>();
        services.AddTransient<IStartupFilter, RequestBodyLimit>();
        return services;
    }
}
