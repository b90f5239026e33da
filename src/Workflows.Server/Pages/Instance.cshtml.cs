// The live view of one instance: diagram with active and completed elements, and the audit trail beside it.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workflows.Server.Pages;

/// <summary>Shows one instance (data from <c>GET /api/instances/{id}</c> and its history).</summary>
public sealed class InstanceModel : PageModel
{
    /// <summary>The instance id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Shows the page.</summary>
    public void OnGet() { }
}
