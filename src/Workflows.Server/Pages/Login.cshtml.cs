// The sign-in page: posts to the cookie login of the API (/api/auth/login).
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Server.Pages;

/// <summary>The login page, open to strangers.</summary>
[PublicPage]
public sealed class LoginModel : PageModel
{
    /// <summary>Shows the form.</summary>
    public void OnGet() { }
}
