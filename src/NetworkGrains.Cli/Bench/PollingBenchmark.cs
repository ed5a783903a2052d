using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench polling`: N devices x M interfaces polled every interval (system and interfaces sets, v2c) from
/// the agent simulator in another process. After one interval of warm-up, in which every device starts polling,
/// it measures this silo's CPU over the next interval(s) as a share of one core.
/// </summary>
public static class PollingBenchmark
{
    private const double TargetShareOfCore = 0.25;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var devices = options.Int("devices", 10_000);
        var interfaces = options.Int("interfaces", 20);
        var interval = options.Int("interval", 60);
        var intervals = options.Int("intervals", 1);
        var detection = options.Text("detection") ?? "true";
        options.EnsureAllRead();
        var port = BenchSilo.FreeUdpPort();
        Console.WriteLine($"polling: {devices:N0} devices x {interfaces} interfaces every {interval} s; warm-up {interval} s, measured {interval * intervals} s");

        using var simulator = ProcessStats.StartSelf($"bench agent-sim --devices {devices} --interfaces {interfaces} --port {port}");
        if (await simulator.StandardOutput.ReadLineAsync() != "ready") throw new InvalidOperationException("the agent simulator did not start");

        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Snmp:TrapReceiverEnabled"] = "false",
            ["Devices:Detection"] = detection,
            ["Snmp:Communities:0:Name"] = "sim",
            ["Snmp:Communities:0:Community"] = "public",
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).RegisterMany(Enumerable.Range(0, devices)
            .Select(i => new DeviceRecord($"sim-{i:D6}", $"sim-{i:D6}", AgentSimulator.Address(i).ToString(), "sim", "edge", null, null, [], null)).ToArray());
        var profile = new PollingProfile("v2c", "sim", port, TimeSpan.FromSeconds(interval), [PollingSets.System, PollingSets.Interfaces]);
        await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, _) => await grains.GetGrain<IDeviceGrain>($"sim-{i:D6}").SetPolling(profile));

        long succeeded = 0, failed = 0, requests = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name is "ng_device_polls" or "ng_snmp_requests") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ng_snmp_requests") { Interlocked.Add(ref requests, value); return; }
            foreach (var tag in tags) if (tag.Value as string == "failed") { Interlocked.Add(ref failed, value); return; }
            Interlocked.Add(ref succeeded, value);
        });
        listener.Start();

        await Task.Delay(TimeSpan.FromSeconds(interval));
        var (pid, wall) = (Environment.ProcessId, Stopwatch.StartNew());
        var (cpuBefore, simBefore, okBefore, failedBefore) = (ProcessStats.CpuTime(pid), ProcessStats.CpuTime(simulator.Id), Interlocked.Read(ref succeeded), Interlocked.Read(ref failed));
        var requestsBefore = Interlocked.Read(ref requests);
        await Task.Delay(TimeSpan.FromSeconds(interval * intervals));
        var share = (ProcessStats.CpuTime(pid) - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
        var simulatorShare = (ProcessStats.CpuTime(simulator.Id) - simBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
        var polls = Interlocked.Read(ref succeeded) - okBefore;
        var roundTrips = Interlocked.Read(ref requests) - requestsBefore;
        var attempted = polls + Interlocked.Read(ref failed) - failedBefore;

        Console.WriteLine($"  silo CPU              {share * 100,8:F1} % of one core   (target <= {TargetShareOfCore * 100:F0} %: {(share <= TargetShareOfCore ? "PASS" : "FALL SHORT")})");
        Console.WriteLine($"  polls                 {polls,8:N0} succeeded, {Interlocked.Read(ref failed) - failedBefore:N0} failed ({polls / wall.Elapsed.TotalSeconds:N0}/s)");
        Console.WriteLine($"  round trips per poll  {(attempted == 0 ? 0 : (double)roundTrips / attempted),8:F2}");
        BenchReport.Add(new BenchRow("polling", $"{devices:N0} devices x {interfaces} interfaces", polls / wall.Elapsed.TotalSeconds, "polls/s", null, null,
            polls == 0 ? null : share * wall.Elapsed.TotalSeconds / polls, "CPU-s per poll", null, null, $"<= {TargetShareOfCore:P0} of a core", share <= TargetShareOfCore));
        Console.WriteLine($"  agent simulator CPU   {simulatorShare * 100,8:F1} % of one core (not counted above)");
        // The silo first: its devices' polls in flight are answered while it deactivates them, rather than each waiting out its timeout.
        await host.StopAsync();
        simulator.Kill();
        return 0;
    }
}
