// Pages are anonymous at the endpoint (the API answers 401, a page should not): this filter sends strangers to /login
// and answers 403 to a signed-in user whose roles do not open the page (PageAccess).
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Workflows.Server.Pages;

/// <summary>
/// Redirects an unauthenticated request for a page to the login page, unless the page allows anonymous users; forbids a page
/// the user's roles do not open.
/// </summary>
public sealed class LoginRedirectFilter : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(
        PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next
    )
    {
        var anonymous =
            context.ActionDescriptor.ModelTypeInfo?.IsDefined(
                typeof(PublicPageAttribute),
                inherit: true
            ) == true;
        if (!anonymous && context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult(
                "/login?returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString)
            );
            return;
        }
        if (
            !anonymous
            && PageAccess.ForView(context.ActionDescriptor.ViewEnginePath) is { } rule
            && !PageAccess.Allows(context.HttpContext.User, rule)
        )
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}

/// <summary>Marks a page model that strangers may open (the login page).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicPageAttribute : Attribute;
