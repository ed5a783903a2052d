// Each test starts silo processes on a 2-core machine: one at a time keeps their timing meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Silo processes are stopped with POSIX signals and PostgreSQL is started with runuser: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The API coverage check reads what every other test saw, so it runs last.
[assembly: TestCollectionOrderer("NetworkGrains.Integration.Tests.Contract.LastCollectionOrderer", "NetworkGrains.Integration.Tests")]
