// Service registration of the designer back end.
namespace Workflows.Server.Application.Designer;

/// <summary>Registers drafts, diff, migration and export services (form versions are an engine service: deployment and tasks read them).</summary>
public static class DesignerRegistration
{
    /// <summary>Adds the designer services.</summary>
    public static IServiceCollection AddWorkflowsDesigner(this IServiceCollection services)
    {
        services.AddScoped<DraftService>();
        services.AddScoped<MigrationService>();
        services.AddScoped<CatalogueExport>();
        services.AddTransient<MigrationJob>();
        return services;
    }
}
