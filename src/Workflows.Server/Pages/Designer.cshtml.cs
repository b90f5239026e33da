// The process designer page: bpmn-js modeler, properties, validation, versions, diff and migration (script island in wwwroot/js/designer.js).
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Server.Pages;

/// <summary>Opens a definition key (latest draft or version) or a blank diagram; <c>?version=N</c> opens that version read-only.</summary>
public sealed class DesignerModel : PageModel
{
    /// <summary>The definition key, or null for a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>A version to open read-only.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    /// <summary>Shows the page.</summary>
    public void OnGet() { }
}
