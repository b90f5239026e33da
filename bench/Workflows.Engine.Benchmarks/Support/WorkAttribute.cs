// Declares how much engine work one benchmark operation does, so the summary can show commands/s and steps/s.
namespace Workflows.Engine.Benchmarks.Support;

/// <summary>The work in one operation of a benchmark method.</summary>
/// <param name="commands">Interpreter commands (<c>Execute</c> calls, one host transaction each).</param>
/// <param name="steps">Activities completed (user or script tasks).</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkAttribute(int commands, int steps) : Attribute
{
    /// <summary>Interpreter commands per operation.</summary>
    public int Commands { get; } = commands;

    /// <summary>Activities completed per operation.</summary>
    public int Steps { get; } = steps;
}
