using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Cli.Simulate;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench e2e`: simulated devices (as `ngctl simulate` runs them) send linkDown traps over loopback UDP to an
/// in-process silo; each opens an anomaly, and a rule posts a webhook for it to a receiver in this process. Measures
/// from the trap leaving the device's socket to the webhook's arrival: the whole path a network team waits on.
/// </summary>
public static class EndToEndBenchmark
{
    private const double TargetP99Milliseconds = 1_000;
    private const int Interfaces = 48;
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");

    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 200);
        var seconds = options.Int("seconds", 10);
        var settle = options.Seconds("settle", 2);
        options.EnsureAllRead();
        var events = rate * seconds;
        var devices = Enumerable.Range(0, (events + Interfaces - 1) / Interfaces + 1).Select(i => new FleetDevice(i, Interfaces, DateTimeOffset.UtcNow)).ToList();

        var trapPort = BenchSilo.FreeUdpPort();
        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["NetworkGrains:Dashboard"] = "false",
            ["Snmp:TrapPort"] = trapPort.ToString(),
            ["Snmp:Communities:0:Name"] = "sim",
            ["Snmp:Communities:0:Community"] = "sim-public",
        });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).RegisterMany(devices
            .Select(d => new DeviceRecord(d.Id, d.Id, d.Address.ToString(), "bench", d.Role, null, null, ["simulated"], null)).ToArray());

        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentDictionary<string, double>();
        using var receiver = new BenchWebhookReceiver((body, _, arrived) =>
        {
            var key = $"{body.GetProperty("deviceId").GetString()}/{body.GetProperty("instance").GetString()}";
            if (sentAt.TryGetValue(key, out var sent)) latencies.TryAdd(key, Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
        });
        var url = receiver.Url;
        await grains.GetGrain<IRuleGrain>("bench-e2e").Define(new RuleDefinition("", "every link down to a webhook", true,
            new RuleTrigger([AnomalyEventKind.Opened], [AnomalyCategory.LinkDown], AnomalySeverity.Low, [], null),
            [new RuleAction(RuleActionType.Webhook, url, "benchmark-secret-0123456789")], TimeSpan.Zero, false, null));

        var agents = devices.Select(d => new FleetAgent(d, "sim-public", BenchSilo.FreeUdpPort(), null)).ToList();
        var target = new IPEndPoint(IPAddress.Loopback, trapPort);
        Console.WriteLine($"end to end: {rate:N0} linkDown traps/s for {seconds} s from {devices.Count - 1} simulated devices to a webhook rule (device 0 warms up)");
        for (var i = 1; i <= 20; i++) await agents[0].TrapAsync(LinkDown, i, target); // warm-up: JIT, the rule, the receiver
        await Task.Delay(TimeSpan.FromSeconds(settle));
        latencies.Clear();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var (device, ifIndex) = (1 + i / Interfaces, 1 + i % Interfaces);
            sentAt[$"{devices[device].Id}/{ifIndex}"] = Stopwatch.GetTimestamp();
            await agents[device].TrapAsync(LinkDown, ifIndex, target);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (latencies.Count < events && DateTime.UtcNow < deadline) await Task.Delay(100);
        receiver.Dispose();
        foreach (var agent in agents) agent.Dispose();

        var sorted = latencies.Values.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
        var pass = sorted.Length == events && At(0.99) <= TargetP99Milliseconds;
        Console.WriteLine($"  traps sent {events:N0}, webhooks received {sorted.Length:N0}");
        Console.WriteLine($"  trap to webhook p50 {At(0.5):F1} ms   p99 {At(0.99):F1} ms   max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1} ms   " +
                          $"(target p99 <= {TargetP99Milliseconds:N0} ms, all delivered: {(pass ? "PASS" : "FALL SHORT")})");
        BenchReport.Add(new BenchRow("e2e", "simulator trap to webhook", sorted.Length / (double)seconds, "actions/s", At(0.5), At(0.99), null, null, null, null,
            $"p99 <= {TargetP99Milliseconds:N0} ms, all delivered", pass));
        await host.StopAsync();
        return 0;
    }
}
