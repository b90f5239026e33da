// The configuration every benchmark class shares: allocations and the rate columns.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>Adds the memory diagnoser, the ops/s, commands/s and steps/s columns, and a build timeout fit for a loaded machine.</summary>
public sealed class EngineConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EngineConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RateColumn.Operations, RateColumn.Commands, RateColumn.Steps);

        // The default two minutes is not enough to build the generated project on a busy shared machine.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
