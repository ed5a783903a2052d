using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// Managed heap per device: N devices with S series of P points each (by default 20 series, one point a minute
/// for the 1 h window), all active in one silo. Measured twice: the live grains alone (as in the Postgres profile,
/// where state is stored outside the process), and again once every device has also written its state to the
/// default profile's in-memory storage, which keeps a serialized copy in the same heap.
/// </summary>
public static class MemoryBenchmark
{
    private const double TargetBytesPerDevice = 16 * 1024;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var devices = options.Int("devices", 100_000);
        var series = options.Int("series", 20);
        var points = options.Int("points", 60);
        var detection = options.Text("detection") ?? "true";
        options.EnsureAllRead();

        // No timer flush during the fill: the first figure is the grains alone.
        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Devices:FlushInterval"] = "1.00:00:00",
            ["Devices:Detection"] = detection,
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Console.WriteLine($"device memory: {devices:N0} devices x {series} series x {points} points");

        var baseline = Heap();
        await BenchFleet.RegisterAsync(grains, devices);
        var history = BenchFleet.GaugeHistory(series, points, DateTimeOffset.UtcNow);
        long accepted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, _) =>
        {
            var result = await grains.GetGrain<IDeviceGrain>(BenchFleet.Id(i)).Ingest(new TelemetryBatch(history));
            Interlocked.Add(ref accepted, result.Accepted);
        });
        if (accepted != (long)devices * series * points) throw new InvalidOperationException($"only {accepted:N0} readings were accepted");

        var live = (Heap() - baseline) / (double)devices;
        await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (i, _) => await grains.GetGrain<IDeviceGrain>(BenchFleet.Id(i)).Flush());
        var withStoredCopy = (Heap() - baseline) / (double)devices;

        Console.WriteLine($"  heap per device, live grains           {live,9:N0} B   (target <= {TargetBytesPerDevice:N0} B: {(live <= TargetBytesPerDevice ? "PASS" : "FALL SHORT")})");
        Console.WriteLine($"  heap per device, + in-memory storage   {withStoredCopy,9:N0} B   (default profile only; Postgres keeps this copy in the database)");
        BenchReport.Add(new BenchRow("memory", "heap per device", live, "B/device", null, null, null, null, null, null,
            $"<= {TargetBytesPerDevice:N0} B/device", live <= TargetBytesPerDevice));
        Console.WriteLine($"  total managed heap                     {Heap() / 1048576.0,9:N0} MiB");
        await host.StopAsync();
        return 0;
    }

    private static long Heap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
