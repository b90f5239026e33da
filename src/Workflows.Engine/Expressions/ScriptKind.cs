// How a source text is read before it is handed to JavaScript.
namespace Workflows.Engine.Expressions;

/// <summary>The reading of a source text: an expression (with <c>${...}</c> translation), a template, or a script.</summary>
internal enum ScriptKind
{
    /// <summary>JavaScript, or Camunda-style <c>${...}</c> translated to JavaScript; mixed text becomes a string.</summary>
    Expression,

    /// <summary>Text with <c>${...}</c> placeholders; the result is always a string.</summary>
    Template,

    /// <summary>A JavaScript program (script task).</summary>
    Script,
}
