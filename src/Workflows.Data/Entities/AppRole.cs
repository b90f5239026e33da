// The application's role type, kept as our own type so members can be added without a schema rename.
using Microsoft.AspNetCore.Identity;

namespace Workflows.Data.Entities;

/// <summary>An Identity role (e.g. admin, operator).</summary>
public class AppRole : IdentityRole { }
