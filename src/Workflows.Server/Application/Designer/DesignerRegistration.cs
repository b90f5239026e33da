// Service registration of the designer back end.
namespace Workflows.Server.Application.Designer;

/// <summary>Registers drafts, diff, forms, migration and export services.</summary>
public static class DesignerRegistration
{
    /// <summary>Adds the designer services.</summary>
    public static IServiceCollection AddWorkflowsDesigner(this IServiceCollection services)
    {
        services.AddScoped<DraftService>();
        services.AddScoped<FormVersions>();
        services.AddScoped<MigrationService>();
        services.AddScoped<CatalogueExport>();
        services.AddTransient<MigrationJob>();
        return services;
    }
}
