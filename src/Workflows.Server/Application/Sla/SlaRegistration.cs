namespace Workflows.Server.Application.Sla;

/// <summary>Registers the SLA feature: clocks, level transitions, reminders, escalation and the SLA read API services.</summary>
public static class SlaRegistration
{
    /// <summary>Adds the SLA services.</summary>
    public static IServiceCollection AddWorkflowsSla(this IServiceCollection services)
    {
        services.AddScoped<ISlaTracker, NoSlaTracker>();
        services.AddSingleton<Notifications.INotifier, Notifications.InAppNotifier>();
        return services;
    }
}
