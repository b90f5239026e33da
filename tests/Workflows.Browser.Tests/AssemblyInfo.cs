// Hangfire's job storage is process-wide (JobStorage.Current): two hosts started by parallel test classes would run
// each other's jobs against the wrong database (a service task of one case executed by the other host). One at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
