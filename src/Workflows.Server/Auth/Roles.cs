namespace Workflows.Server.Auth;

/// <summary>The application roles (see the README's roles table).</summary>
public static class Roles
{
    /// <summary>Manages users and groups; retries incidents.</summary>
    public const string Admin = "admin";

    /// <summary>Deploys and publishes procedures.</summary>
    public const string Designer = "designer";

    /// <summary>Works the tasks of their groups.</summary>
    public const string Clerk = "clerk";

    /// <summary>Section chief (科室负责人): a clerk who also sees and assigns the section's queue.</summary>
    public const string Chief = "chief";

    /// <summary>Reads everything in scope, completes nothing.</summary>
    public const string Manager = "manager";

    /// <summary>Electronic supervision (电子监察): reads everything, handles breaches.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Submits applications and follows their own cases.</summary>
    public const string Applicant = "applicant";

    /// <summary>Every role.</summary>
    public static readonly string[] All =
    [
        Admin,
        Designer,
        Clerk,
        Chief,
        Manager,
        Supervisor,
        Applicant,
    ];
}
