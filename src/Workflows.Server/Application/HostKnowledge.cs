using Workflows.Engine.Parsing;

namespace Workflows.Server.Application;

/// <summary>What the host knows that a BPMN file may refer to: handler names, form keys and directory groups (checked on deploy).</summary>
public sealed class HostKnowledge(
    ServiceHandlerRegistry handlers,
    DirectoryCatalog directory,
    FormCatalog forms
)
{
    /// <summary>Parse options that check references against this host.</summary>
    public ParseOptions ParseOptions =>
        new()
        {
            KnownHandlers = handlers.Names,
            KnownGroups = directory.GroupIds,
            KnownForms = forms.Keys,
        };
}
