// The one place that decides which form version a task uses: the task form the API serves and the schema completion is
// validated against both come from here, so a clerk is never shown one form and judged by another.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Server.Application.Designer;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Resolves the form of a task from its definition version's binding: <c>camunda:formKey</c> and
/// <c>formRefBinding="deployment"</c> use the latest version saved no later than the definition version was deployed,
/// <c>latest</c> the latest saved version, <c>version</c> the named one; with no saved version the catalogue file under
/// <c>workflows/forms/</c> is the form.
/// </summary>
public sealed class TaskForms(
    WorkflowsDbContext db,
    DeploymentService deployments,
    FormVersions forms
)
{
    /// <summary>The form version of a task, or null when the task has no form (or names one that does not exist).</summary>
    public async Task<FormDocument?> ResolveAsync(TaskEntity task, CancellationToken ct)
    {
        if (task.FormKey is not { } key)
            return null;
        // The instance's current definition version: after a migration the task belongs to the target version.
        var definitionId = await db
            .Instances.AsNoTracking()
            .Where(i => i.Id == task.InstanceId)
            .Select(i => i.DefinitionId)
            .FirstAsync(ct);
        var definition = await deployments.GetAsync(definitionId, ct);
        var spec = deployments.Load(definition).Nodes.GetValueOrDefault(task.ElementId)
            is UserTask { Spec: var s }
            ? s
            : null;
        return spec?.FormBinding switch
        {
            FormBinding.Latest => await forms.GetAsync(key, null, ct),
            FormBinding.Version => await forms.GetAsync(key, spec.FormVersion, ct),
            _ => await forms.GetAsOfAsync(key, definition.DeployedAt, ct),
        };
    }
}
