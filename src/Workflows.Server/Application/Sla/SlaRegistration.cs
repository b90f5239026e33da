using Workflows.Server.Application.Notifications;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application.Sla;

/// <summary>Registers the SLA feature: clocks, level transitions, reminders, escalation, notification channels and delivery.</summary>
public static class SlaRegistration
{
    /// <summary>Adds the SLA and notification services (settings from the <c>Sla</c> and <c>Notifications</c> sections).</summary>
    public static IServiceCollection AddWorkflowsSla(this IServiceCollection services)
    {
        services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section);
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<CommitHooks>();
        services.AddSingleton<SlaTimers>();
        services.AddScoped<ISlaTracker, SlaTracker>();
        services.AddSingleton<ITimerHandler, SlaTimerHandler>();
        services.AddSingleton<SlaRecompute>();
        services.AddSingleton<INotifier, CompositeNotifier>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<WebhookSender>();
        services.AddTransient<NotificationDeliveryJob>();
        services.AddTransient<NotificationSweepJob>();
        services.AddHostedService<SlaStartup>();
        return services;
    }
}
