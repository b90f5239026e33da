// Two server processes per cluster share a 2-core machine: one spec at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
