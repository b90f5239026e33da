// One-line wiring of the security hardening into Program.cs: headers, login rate limit, CSRF guard.
namespace Workflows.Server.Hosting;

/// <summary>Adds and uses the security hardening.</summary>
public static class SecurityRegistration
{
    /// <summary>Binds <see cref="SecurityOptions"/> (section <c>Security</c>), adds the headers filter and the login limiter.</summary>
    public static IServiceCollection AddWorkflowsSecurity(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        var section = configuration.GetSection("Security");
        services.Configure<SecurityOptions>(section);
        services.AddTransient<IStartupFilter, SecurityHeaders>();
        return services.AddWorkflowsLoginRateLimit(() =>
            section.GetValue("LoginRateLimit", new SecurityOptions().LoginRateLimit)
        );
    }

    /// <summary>The login limiter and the CSRF guard; call after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseWorkflowsSecurity(this IApplicationBuilder app) =>
        app.UseWorkflowsLoginRateLimit().UseWorkflowsCsrfGuard();
}
