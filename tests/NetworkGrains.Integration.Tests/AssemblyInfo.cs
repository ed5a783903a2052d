// Each test starts silo processes on a 2-core machine: one at a time keeps their timing meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
