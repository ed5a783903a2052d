using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// Device ingest on the default profile: many devices, one grain call per batch, as the listeners will call.
/// Reports readings/s, CPU-seconds per million readings and call latency over the measured interval only.
/// </summary>
public static class IngestBenchmark
{
    private const double TargetReadingsPerSecond = 1_000_000;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var devices = options.Int("devices", 10_000);
        var batch = options.Int("batch", 50);
        var seconds = options.Int("seconds", 20);
        var workers = Math.Min(options.Int("workers", 1_000), devices);
        var warmup = options.Int("warmup", 5);
        var dashboard = options.Text("dashboard") ?? "true";
        var flush = options.Text("flush-interval") ?? "00:00:10";
        var detection = options.Text("detection") ?? "true";
        options.EnsureAllRead();

        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["NetworkGrains:Dashboard"] = dashboard,
            ["Devices:FlushInterval"] = flush,
            ["Devices:Detection"] = detection,
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await BenchFleet.RegisterAsync(grains, devices);
        Console.WriteLine($"device ingest: {devices:N0} devices, {batch} readings a batch, {workers:N0} concurrent callers, {warmup} s warm-up, {seconds} s measured");

        var totals = new Totals();
        using var stop = new CancellationTokenSource();
        // Ten simulated seconds per batch; a device whose simulated clock reaches now stops (counted below).
        var origin = DateTimeOffset.UtcNow.AddHours(-6);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(() => Feed(grains, w, workers, devices, batch, origin, totals, stop.Token))).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var before = Snapshot.Take(totals);
        totals.Measuring = true;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        totals.Measuring = false;
        var after = Snapshot.Take(totals);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        var readings = after.Readings - before.Readings;
        var wall = (after.Wall - before.Wall).TotalSeconds;
        var cpu = (after.Cpu - before.Cpu).TotalSeconds;
        var rate = readings / wall;
        var latencies = totals.Latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"  readings/s          {rate,14:N0}   (target >= {TargetReadingsPerSecond:N0}: {(rate >= TargetReadingsPerSecond ? "PASS" : "FALL SHORT")})");
        Console.WriteLine($"  CPU-s per 1M        {cpu / (readings / 1e6),14:F3}   ({cpu:F1} CPU-s over {wall:F1} s on {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  grain calls/s       {(after.Calls - before.Calls) / wall,14:N0}");
        Console.WriteLine($"  call latency p50    {Percentile(latencies, 0.50),11:F2} ms   p99 {Percentile(latencies, 0.99):F2} ms");
        Console.WriteLine($"  gen2 GCs            {after.Gen2 - before.Gen2,14}   GC pauses {(after.GcPause - before.GcPause).TotalSeconds:F2} s");
        Console.WriteLine($"  readings accepted {totals.Accepted:N0}, counter baselines {totals.Baselines:N0}, refused {totals.Refused:N0}");
        BenchReport.Add(new BenchRow("ingest", "device ingest", rate, "readings/s", Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            cpu / (readings / 1e6), "CPU-s per 1M readings", null, null, $">= {TargetReadingsPerSecond:N0} readings/s", rate >= TargetReadingsPerSecond));
        if (totals.CaughtUp > 0)
            Console.WriteLine($"  warning: {totals.CaughtUp} callers ran out of simulated time and stopped early: use more devices");
        await host.StopAsync();
        return totals.Refused == 0 ? 0 : 1;
    }

    private static async Task Feed(IGrainFactory grains, int worker, int workers, int devices, int batch, DateTimeOffset origin, Totals totals, CancellationToken stop)
    {
        var mine = Enumerable.Range(0, devices).Where(i => i % workers == worker).Select(i => grains.GetGrain<IDeviceGrain>(BenchFleet.Id(i))).ToArray();
        var latencies = new List<double>();
        lock (totals.Latencies) totals.Latencies.Add(latencies);
        for (long step = 1; !stop.IsCancellationRequested; step++)
        {
            var timestamp = origin.AddSeconds(step * 10);
            if (timestamp > DateTimeOffset.UtcNow)
            {
                Interlocked.Increment(ref totals.CaughtUp);
                return;
            }
            var readings = BenchFleet.InterfacePoll(batch, step, timestamp);
            foreach (var device in mine)
            {
                // Back through the thread pool's global queue: callers that re-issue from local queues would
                // otherwise starve the grains' own work queued there (a real listener does not loop like this).
                await Task.Yield();
                var started = Stopwatch.GetTimestamp();
                var result = await device.Ingest(new TelemetryBatch(readings));
                if (totals.Measuring) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                totals.Add(batch, result);
                if (stop.IsCancellationRequested) break;
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    private sealed class Totals
    {
        public long Readings, Calls, Accepted, Baselines, Refused, CaughtUp;
        public volatile bool Measuring;
        public readonly List<List<double>> Latencies = [];

        public void Add(int readings, IngestResult result)
        {
            Interlocked.Add(ref Readings, readings);
            Interlocked.Increment(ref Calls);
            Interlocked.Add(ref Accepted, result.Accepted);
            Interlocked.Add(ref Baselines, result.Discontinuities);
            Interlocked.Add(ref Refused, result.Invalid + result.OutOfOrder);
        }
    }

    private sealed record Snapshot(long Readings, long Calls, TimeSpan Wall, TimeSpan Cpu, int Gen2, TimeSpan GcPause)
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        public static Snapshot Take(Totals totals) => new(
            Interlocked.Read(ref totals.Readings), Interlocked.Read(ref totals.Calls), Clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }
}
