// A parsed script, or the reason it could not be parsed; both are cached.
using Acornima.Ast;
using Jint;

namespace Workflows.Engine.Expressions;

/// <summary>The outcome of preparing one source text: a reusable script, or the parser's message.</summary>
internal sealed record CompiledScript(Prepared<Script>? Script, string? Error);
