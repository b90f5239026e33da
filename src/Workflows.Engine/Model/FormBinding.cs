namespace Workflows.Engine.Model;

/// <summary>Which saved version of its form a user task uses (Camunda's <c>camunda:formRefBinding</c>).</summary>
public enum FormBinding
{
    /// <summary>The latest saved version when the task's form is read or validated.</summary>
    Latest,

    /// <summary>The latest version saved no later than the definition version was deployed.</summary>
    Deployment,

    /// <summary>The saved version named by <c>camunda:formRefVersion</c>.</summary>
    Version,
}
