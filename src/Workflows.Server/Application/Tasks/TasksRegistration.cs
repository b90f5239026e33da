// Registers the clerk's work feature: inbox, supplements, attachments and their blob store.
namespace Workflows.Server.Application.Tasks;

/// <summary>Service registration of the task feature.</summary>
public static class TasksRegistration
{
    /// <summary>Adds the inbox, task form, supplement and attachment services (section <c>Attachments</c>).</summary>
    public static IServiceCollection AddWorkflowsTasks(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.Configure<AttachmentOptions>(configuration.GetSection("Attachments"));
        services.AddSingleton<MaterialsCatalog>();
        services.AddSingleton<IBlobStore, FileSystemBlobStore>();
        services.AddScoped<Inbox>();
        services.AddScoped<TaskForms>();
        services.AddScoped<AttachmentService>();
        services.AddScoped<SupplementService>();
        return services;
    }
}
