using Hangfire.Dashboard;

namespace Workflows.Server.Auth;

/// <summary>The Hangfire dashboard is for admins only.</summary>
public sealed class HangfireAdminFilter : IDashboardAuthorizationFilter
{
    /// <inheritdoc />
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
