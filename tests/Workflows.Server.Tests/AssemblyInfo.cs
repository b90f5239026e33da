// Test classes run one after another: each starts real hosts with Hangfire (whose storage is process-global) on two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
