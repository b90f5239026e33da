// The application's user: ASP.NET Core Identity's user plus what a bureau needs to show and route work.
using Microsoft.AspNetCore.Identity;

namespace Workflows.Data.Entities;

/// <summary>A person who signs in (an official or an applicant's agent).</summary>
public class AppUser : IdentityUser
{
    /// <summary>Name shown in inboxes and audit trails (e.g. 张三).</summary>
    public string? DisplayName { get; set; }

    /// <summary>Code of the bureau (委办局) the user works for, if any.</summary>
    public string? BureauCode { get; set; }
}
