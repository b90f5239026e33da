namespace Workflows.Engine.Model;

/// <summary>The Camunda 7 human-task attributes of a user task; each value may be a <c>${...}</c> expression.</summary>
public sealed record UserTaskSpec
{
    /// <summary><c>camunda:assignee</c>: the user who does the task.</summary>
    public string? Assignee { get; init; }

    /// <summary><c>camunda:candidateGroups</c>, split on commas, e.g. <c>bureau:kjj/reviewer</c>.</summary>
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    /// <summary><c>camunda:candidateUsers</c>, split on commas.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary><c>camunda:dueDate</c>: an ISO date-time, an ISO duration or a working-day limit (<c>3WD</c>).</summary>
    public string? DueDate { get; init; }

    /// <summary><c>camunda:followUpDate</c>, in the same forms as <see cref="DueDate"/>.</summary>
    public string? FollowUpDate { get; init; }

    /// <summary><c>camunda:priority</c>: a number or an expression (default 50).</summary>
    public string? Priority { get; init; }

    /// <summary><c>camunda:formKey</c> or <c>camunda:formRef</c>: the form-js schema (saved versions, else <c>workflows/forms/</c>).</summary>
    public string? FormKey { get; init; }

    /// <summary>
    /// Which version of the form the task uses: <see cref="FormBinding.Deployment"/> for <c>camunda:formKey</c>,
    /// <c>camunda:formRefBinding</c> (default <see cref="FormBinding.Latest"/>) for <c>camunda:formRef</c>.
    /// </summary>
    public FormBinding FormBinding { get; init; } = FormBinding.Deployment;

    /// <summary><c>camunda:formRefVersion</c>: the saved form version of a <see cref="FormBinding.Version"/> binding.</summary>
    public int? FormVersion { get; init; }
}
