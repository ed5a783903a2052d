using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench traps`: the same paced v2c trap stream to our receiver (decode, device lookup, delivery to the
/// device grains) and to net-snmp's snmptrapd (logging each trap), one after the other. Reports traps per
/// CPU-second of each receiver process, their ratio, and loss (traps not delivered, kernel buffer drops).
/// </summary>
public static class TrapBenchmark
{
    private const double TargetRatio = 10;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 50_000);
        var seconds = options.Int("seconds", 20);
        var sources = options.Int("sources", 100);
        var warmup = options.Int("warmup", 10); // long enough for tiered compilation to settle: a running silo is warm
        var settle = options.Seconds("settle", 3);
        var quiet = TimeSpan.FromSeconds(options.Seconds("quiet", 1.5));
        options.EnsureAllRead();
        Console.WriteLine($"trap ingest: {rate:N0} v2c traps/s for {seconds} s from {sources} loopback sources, ours then snmptrapd");

        var ours = await MeasureOursAsync(rate, seconds, sources, warmup, settle, quiet);
        ours.Print("NetworkGrains", "traps");
        var reference = await MeasureSnmptrapdAsync(rate, seconds, sources, quiet);
        reference.Print("snmptrapd", "traps");
        var ratio = ours.PerCpuSecond / reference.PerCpuSecond;
        Console.WriteLine($"  ratio (traps per CPU-second)   {ratio,10:F1}x   (target >= {TargetRatio}x: {(ratio >= TargetRatio ? "PASS" : "FALL SHORT")})");
        Console.WriteLine($"  zero loss at {rate:N0}/s for {seconds} s: {(ours.Lost == 0 && ours.KernelDrops == 0 ? "PASS" : "FALL SHORT")}");
        BenchReport.Add(new BenchRow("traps", "trap ingest", ours.PerCpuSecond, "traps/CPU-s", null, null, 1 / ours.PerCpuSecond, "CPU-s per trap",
            "snmptrapd", ratio, $">= {TargetRatio}x snmptrapd", ratio >= TargetRatio));
        BenchReport.Add(new BenchRow("traps", $"loss at {rate:N0}/s", ours.Received / (double)seconds, "traps/s delivered", null, null, null, null,
            null, null, "0 lost", ours.Lost == 0 && ours.KernelDrops == 0));
        return 0;
    }

    private static async Task<ReceiverRun> MeasureOursAsync(int rate, int seconds, int sources, int warmup, double settle, TimeSpan quiet)
    {
        var port = BenchSilo.FreeUdpPort();
        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Snmp:TrapPort"] = port.ToString(),
            ["Devices:FlushInterval"] = Environment.GetEnvironmentVariable("NG_BENCH_FLUSH") ?? "00:00:10",
            ["Snmp:Communities:0:Name"] = "public",
            ["Snmp:Communities:0:Community"] = "public",
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var directory = grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        await directory.RegisterMany(Enumerable.Range(1, sources)
            .Select(i => new DeviceRecord($"trapper-{i}", $"trapper-{i}", $"127.0.1.{i}", "bench", "edge", null, null, [], null)).ToArray());

        long received = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "ng_snmp_notifications_received") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref received, value));
        listener.Start();

        // A running silo is warm: a few seconds of the same stream first (JIT tiering, grain activations), then settle.
        await ReceiverRun.SendAsync($"trap-sender --port {port} --rate {rate} --seconds {warmup} --sources {sources}");
        await BenchWait.ForQuiet(() => Interlocked.Read(ref received), quiet);
        await Task.Delay(TimeSpan.FromSeconds(settle));
        Interlocked.Exchange(ref received, 0);

        var pid = Environment.ProcessId;
        var (cpuBefore, dropsBefore) = (ProcessStats.CpuTime(pid), ProcessStats.UdpReceiveBufferErrors());
        var sent = await ReceiverRun.SendAsync($"trap-sender --port {port} --rate {rate} --seconds {seconds} --sources {sources}");
        await BenchWait.ForQuiet(() => Interlocked.Read(ref received), quiet);
        var cpu = ProcessStats.CpuTime(pid) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        await host.StopAsync();
        return new ReceiverRun(sent, received, drops, cpu);
    }

    private static async Task<ReceiverRun> MeasureSnmptrapdAsync(int rate, int seconds, int sources, TimeSpan quiet)
    {
        var port = BenchSilo.FreeUdpPort();
        var directory = Directory.CreateTempSubdirectory("ng-snmptrapd-").FullName;
        var log = Path.Combine(directory, "traps.log");
        await File.WriteAllTextAsync(Path.Combine(directory, "snmptrapd.conf"), "authCommunity log public\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "snmp.conf"), $"persistentDir {directory}\n");
        var info = new ProcessStartInfo("snmptrapd", ["-f", "-n", "-C", "-c", Path.Combine(directory, "snmptrapd.conf"), "-Lf", log, $"udp:127.0.0.1:{port}"]);
        info.Environment["SNMPCONFPATH"] = directory;
        info.Environment["MIBS"] = "";
        using var snmptrapd = Process.Start(info)!;
        await Task.Delay(1000);

        var (cpuBefore, dropsBefore) = (ProcessStats.CpuTime(snmptrapd.Id), ProcessStats.UdpReceiveBufferErrors());
        var sent = await ReceiverRun.SendAsync($"trap-sender --port {port} --rate {rate} --seconds {seconds} --sources {sources}");
        await BenchWait.ForQuiet(() => CountTraps(log), quiet);
        var cpu = ProcessStats.CpuTime(snmptrapd.Id) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        var received = CountTraps(log);
        snmptrapd.Kill();
        await snmptrapd.WaitForExitAsync();
        Directory.Delete(directory, recursive: true);
        return new ReceiverRun(sent, received, drops, cpu);
    }

    /// <summary>snmptrapd writes one header line per trap that starts with the time it was received.</summary>
    private static long CountTraps(string log) =>
        File.Exists(log) ? File.ReadLines(log).LongCount(l => l.Contains("[UDP: [127.0.1.", StringComparison.Ordinal)) : 0;
}
