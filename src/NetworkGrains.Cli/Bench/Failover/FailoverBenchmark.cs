using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// `ngctl bench failover`: three silos of the Postgres profile under telemetry over REST, traps, informs and flow
/// exports spread over them, and rule actions; kill -9 one, then restart all three in turn. Prints the time to
/// recover, the slowest answer of a running silo, and what was acknowledged and then lost: readings (against the flush
/// window), informs, rule actions (lost or doubled).
/// </summary>
public static class FailoverBenchmark
{
    private const int Silos = 3;
    private const int TrapSources = 50;
    private const int Exporters = 20;
    private const int InformSources = 10;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 10_000);
        var perPost = options.Int("readings-per-post", 10);
        var trapRate = options.Int("trap-rate", 5_000);
        var informRate = options.Int("inform-rate", 100);
        var flowRate = options.Int("flow-rate", 20_000);
        var spikes = options.Int("spikes", 30);
        var before = TimeSpan.FromSeconds(options.Seconds("before", 20));
        var after = TimeSpan.FromSeconds(options.Seconds("after", 20));
        var flush = TimeSpan.FromSeconds(options.Seconds("flush", 10));
        var postgres = options.Text("postgres") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new UsageException("--postgres CONNECTION-STRING (or ConnectionStrings__Postgres): a PostgreSQL server where a database may be made");
        var figuresFile = options.Text("figures");
        options.EnsureAllRead();

        var devices = Enumerable.Range(1, Math.Max(1, rate / perPost)).Select(i => $"dev-{i:D5}").ToArray();
        var spikeDevices = Enumerable.Range(1, spikes).Select(i => $"spike-{i:D3}").ToArray();
        Console.WriteLine($"failover: {Silos} silos; {rate:N0} readings/s over REST ({devices.Length:N0} devices, {perPost} a post), {trapRate:N0} traps/s, "
                          + $"{informRate:N0} informs/s, {flowRate:N0} flow records/s, {spikes} anomalies; kill -9 after {before.TotalSeconds:0} s, "
                          + $"rolling restart {after.TotalSeconds:0} s later; Devices:FlushInterval {flush.TotalSeconds:0} s");

        await using var cluster = await FailoverCluster.CreateAsync(postgres, Silos, flush);
        var api = new FailoverClient(cluster.Silos, await cluster.CreateApiKeyAsync());
        await RegisterAsync(api, devices, spikeDevices);
        using var actions = new ActionLoad(api, spikeDevices);
        await actions.DefineRuleAsync();
        api.ResetFigures();

        // A whole second: windows keep seconds, and read-back matches each point to its post by its second.
        var origin = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
        var readings = new ReadingLoad(api, devices, perPost, TimeSpan.FromSeconds(1), origin);
        var informs = new InformLoad(cluster.Silos, InformSources, informRate);
        using var stop = new CancellationTokenSource();
        var senders = cluster.Silos.SelectMany(silo => new[]
        {
            ProcessStats.StartSelf($"bench trap-sender --port {silo.TrapPort} --rate {trapRate / Silos} --seconds 100000 --sources {TrapSources}"),
            ProcessStats.StartSelf($"bench flow-sender --port {silo.NetFlowPort} --rate {flowRate / Silos} --seconds 100000 --exporters {Exporters} --version 9"),
        }).ToList();
        long killedAt;
        (TimeSpan Slowest, long Slow) killPhase = default;
        var rolling = Stopwatch.StartNew();
        try
        {
            var load = Task.WhenAll(readings.RunAsync(Silos, stop.Token), informs.RunAsync(stop.Token),
                actions.RunAsync((before + after + after) / Math.Max(1, spikes), stop.Token));
            await Task.Delay(before);
            var victim = cluster.Silos[1];
            await victim.KillAsync();
            // From here on no answer can come from the killed silo; the 5 s bound is the survivors' from now on.
            killedAt = Stopwatch.GetTimestamp();
            api.ResetFigures();
            Console.WriteLine($"silo {victim.Index} killed (kill -9) {api.Elapsed.TotalSeconds:F1} s after the start");
            await Task.Delay(after);
            // The issue's 5 s bound is the survivors' after the kill; during the rolling restart, no retried call may fail.
            killPhase = api.TakeAnswers();
            rolling.Restart();
            Console.WriteLine($"rolling restart from {api.Elapsed.TotalSeconds:F1} s");
            await cluster.RollingRestartAsync();
            rolling.Stop();
            Console.WriteLine($"rolling restart of {Silos} silos done in {rolling.Elapsed.TotalSeconds:F1} s");
            await Task.Delay(after);
            stop.Cancel();
            await load;
        }
        finally
        {
            stop.Cancel();
            foreach (var sender in senders)
            {
                sender.Kill();
                await sender.WaitForExitAsync();
                sender.Dispose();
            }
        }

        var figures = await MeasureAsync(cluster, api, readings, informs, actions, killedAt, flush, rolling.Elapsed, killPhase);
        Print(figures);
        Report(figures);
        if (figuresFile is not null) await File.WriteAllTextAsync(figuresFile, JsonSerializer.Serialize(figures, BenchReport.Json));
        return 0;
    }

    private static async Task RegisterAsync(FailoverClient api, string[] devices, string[] spikeDevices)
    {
        var all = devices.Select((id, i) => (Id: id, Address: $"10.{100 + i / 65_536}.{i / 256 % 256}.{i % 256}"))
            .Concat(spikeDevices.Select((id, i) => (Id: id, Address: $"10.99.0.{i + 1}")))
            .Concat(Enumerable.Range(1, TrapSources).Select(i => (Id: $"trapper-{i}", Address: $"127.0.1.{i}")))
            .Concat(Enumerable.Range(1, Exporters).Select(i => (Id: $"exporter-{i}", Address: $"127.0.2.{i}")))
            .Concat(Enumerable.Range(1, InformSources).Select(i => (Id: $"informer-{i}", Address: InformLoad.Source(i).ToString())));
        await Parallel.ForEachAsync(all.Select((device, i) => (device, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (entry, _) =>
        {
            var body = JsonContent.Create(new { managementAddress = entry.device.Address, site = "bench", tags = new[] { "failover" } });
            if (await api.SendAsync(HttpMethod.Put, $"/api/v1/devices/{entry.device.Id}", body, entry.i) is not { Status: HttpStatusCode.OK or HttpStatusCode.Created })
                throw new InvalidOperationException($"registering {entry.device.Id} failed");
        });
    }

    private static async Task<FailoverFigures> MeasureAsync(FailoverCluster cluster, FailoverClient api, ReadingLoad readings, InformLoad informs,
        ActionLoad actions, long killedAt, TimeSpan flush, TimeSpan rolling, (TimeSpan Slowest, long Slow) killPhase)
    {
        var rollingPhase = api.TakeAnswers();
        var (first, all) = readings.Recovery(killedAt, TimeSpan.FromSeconds(1));
        var anomalies = await actions.AnomaliesAsync();
        // Done once every anomaly's action arrived and the stream holds no event to deliver again (or after two minutes: then lost).
        try
        {
            await BenchWait.UntilAsync(async () => anomalies.All(a => actions.KeysByAnomaly.ContainsKey(a.Id))
                && await cluster.ScalarAsync("SELECT count(*) FROM orleans_stream_message") == 0, TimeSpan.FromMinutes(2), "every action");
        }
        catch (TimeoutException ex)
        {
            Console.WriteLine($"{ex.Message}: events still in the stream {await cluster.ScalarAsync("SELECT count(*) FROM orleans_stream_message")}, "
                              + $"dead letters {await cluster.ScalarAsync("SELECT count(*) FROM orleans_stream_dead_letter")}; without an action: "
                              + string.Join(", ", anomalies.Where(a => !actions.KeysByAnomaly.ContainsKey(a.Id)).Select(a => $"{a.Device} {a.Id}")));
        }

        var lost = await readings.LostAsync(api);
        // The window: acknowledged at most one flush interval (and a second for the flush's own write) before the kill.
        var windowStart = killedAt - (long)((flush + TimeSpan.FromSeconds(1)).TotalSeconds * Stopwatch.Frequency);
        var outside = lost.Count(at => at < windowStart || at > killedAt) * (long)readings.ReadingsPerPost;
        Console.WriteLine($"lost: acknowledged before the window {lost.Count(at => at < windowStart) * readings.ReadingsPerPost}, after the kill {lost.Count(at => at > killedAt) * readings.ReadingsPerPost}"
                          + $" (the last at {lost.Where(at => at > killedAt).Select(at => Stopwatch.GetElapsedTime(killedAt, at).TotalSeconds).DefaultIfEmpty().Max():F1} s after the kill)");
        foreach (var slow in api.Slow) Console.WriteLine(slow);
        var kept = (await cluster.ColumnAsync(
            $"SELECT DISTINCT (v->>'value')::bigint FROM snmp_trap t, jsonb_array_elements(t.varbinds) v WHERE t.is_inform AND v->>'oid' = '{InformLoad.NumberOid}'")).ToHashSet();
        var spikesWithoutAnomaly = actions.Spiked.Count(device => !anomalies.Any(a => a.Device == device));
        var keys = anomalies.Select(a => actions.KeysByAnomaly.TryGetValue(a.Id, out var k) ? k : null).ToList();
        return new FailoverFigures(
            first.TotalSeconds, all.TotalSeconds, killPhase.Slowest.TotalSeconds, killPhase.Slow, api.Retried, api.Failed, rolling.TotalSeconds,
            rollingPhase.Slowest.TotalSeconds,
            readings.Acknowledged, readings.Refused, lost.Count * (long)readings.ReadingsPerPost, outside, readings.AcknowledgedBetween(windowStart, killedAt),
            informs.Sent, informs.Acknowledged.Count, informs.Acknowledged.Count(n => !kept.Contains(n)), actions.Spiked.Count, anomalies.Count,
            keys.Count(k => k is { Count: 1 }), keys.Count(k => k is null), keys.Count(k => k is { Count: > 1 }),
            keys.Sum(k => k?.Values.Sum(c => c - 1) ?? 0), spikesWithoutAnomaly);
    }

    private static void Print(FailoverFigures f)
    {
        Console.WriteLine($"time to recover: first answer for a device of the killed silo {f.FirstRecoverySeconds:F1} s, every device answering {f.AllAnswerSeconds:F1} s after the kill");
        Console.WriteLine($"slowest answer of a surviving silo after the kill {f.SlowestAnswerSeconds:F2} s ({f.SlowAnswers} over 5 s); calls retried {f.RetriedCalls:N0}, failed {f.FailedCalls}");
        Console.WriteLine($"rolling restart {f.RollingRestartSeconds:F1} s, slowest answer of a running silo meanwhile {f.RollingSlowestAnswerSeconds:F2} s");
        Console.WriteLine($"readings acknowledged {f.ReadingsAcknowledged:N0}, refused (told) {f.ReadingsRefused:N0}, lost {f.ReadingsLost:N0} "
                          + $"(the flush window before the kill held {f.ReadingsInWindow:N0}; lost outside it {f.ReadingsLostOutsideWindow:N0})");
        Console.WriteLine($"informs sent {f.InformsSent:N0}, acknowledged {f.InformsAcknowledged:N0}, acknowledged and lost {f.InformsLost}");
        Console.WriteLine($"actions: spikes acknowledged {f.SpikesAcknowledged}, anomalies {f.Anomalies}, delivered once {f.ActionsDelivered}, lost {f.ActionsLost}, "
                          + $"doubled {f.ActionsDoubled} (same key again: {f.RepeatedDeliveries}); spikes without an anomaly {f.SpikesWithoutAnomaly}");
        Console.WriteLine($"verdict: {BenchReport.Verdict(f.Pass)}");
    }

    private static void Report(FailoverFigures f)
    {
        BenchReport.Add(new BenchRow("failover", "every device answering after kill -9", f.AllAnswerSeconds, "s", null, f.SlowestAnswerSeconds * 1000, null, null,
            null, null, "answers within 5 s, no call failed", f.SlowAnswers == 0 && f.FailedCalls == 0));
        BenchRow Lost(string figure, double count, string target, bool pass) => new("failover", figure, count, "lost", null, null, null, null, null, null, target, pass);
        BenchReport.Add(Lost("readings lost outside the flush window", f.ReadingsLostOutsideWindow, "0", f.ReadingsLostOutsideWindow == 0));
        BenchReport.Add(Lost("acknowledged informs lost", f.InformsLost, "0", f.InformsLost == 0));
        BenchReport.Add(Lost("rule actions lost or doubled", f.ActionsLost + f.ActionsDoubled, "0", f.ActionsLost + f.ActionsDoubled == 0));
    }
}
