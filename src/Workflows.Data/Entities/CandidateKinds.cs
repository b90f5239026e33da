// Values of TaskCandidateEntity.Kind.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="TaskCandidateEntity.Kind"/>.</summary>
public static class CandidateKinds
{
    /// <summary>The value is a group id.</summary>
    public const string Group = "group";

    /// <summary>The value is a user id.</summary>
    public const string User = "user";
}
