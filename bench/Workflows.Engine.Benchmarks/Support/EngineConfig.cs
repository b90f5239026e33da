// The configuration every benchmark class shares: allocations and the rate columns.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>Adds the memory diagnoser and the ops/s, commands/s and steps/s columns.</summary>
public sealed class EngineConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EngineConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RateColumn.Operations, RateColumn.Commands, RateColumn.Steps);
    }
}
