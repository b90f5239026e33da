// Entry point: BenchmarkDotNet's switcher, so `--filter`, `--job short` and the other standard arguments work.
using BenchmarkDotNet.Running;

BenchmarkSwitcher
    .FromAssembly(typeof(Workflows.Engine.Benchmarks.Support.EngineSetup).Assembly)
    .Run(args);
