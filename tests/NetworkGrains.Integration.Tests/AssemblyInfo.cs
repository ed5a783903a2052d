// Each test starts silo processes on a 2-core machine: one at a time keeps their timing meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Silo processes are stopped with POSIX signals and PostgreSQL is started with runuser: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
