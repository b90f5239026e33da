// The form designer page: form-js editor and a live viewer to preview and validate (script island in wwwroot/js/forms.js).
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Server.Pages;

/// <summary>Edits a form schema; every save is a new version.</summary>
public sealed class FormsModel : PageModel
{
    /// <summary>The form key to open first.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>Shows the page.</summary>
    public void OnGet() { }
}
