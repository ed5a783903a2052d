using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NetworkGrains.Grains;
using Orleans.Runtime;
using Orleans.Streams;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// Verdict to action: anomaly signals at a paced rate into an in-process silo (each opens an anomaly), one rule
/// posting a signed webhook for every opened anomaly, and a receiver on loopback in this process that measures
/// from the signal's time to the webhook's arrival (and a stream subscriber that times the part before the rules).
/// </summary>
public static class ActionBenchmark
{
    private const double TargetP99Milliseconds = 50;
    private const string Secret = "benchmark-secret-0123456789";

    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 1_000);
        var seconds = options.Int("seconds", 10);
        var warmup = options.Int("warmup", 2);
        options.EnsureAllRead();

        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["NetworkGrains:Dashboard"] = "false" });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var latencies = new ConcurrentDictionary<string, double>(); // by idempotency key: a retried delivery counts once
        var repeats = 0;
        using var receiver = new BenchWebhookReceiver((body, key, arrived) =>
        {
            var firstSeen = body.GetProperty("anomaly").GetProperty("firstSeen").GetDateTimeOffset();
            var latency = (DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(arrived) - firstSeen).TotalMilliseconds;
            if (!latencies.TryAdd(key ?? "", latency)) Interlocked.Increment(ref repeats);
        });
        var url = receiver.Url;
        await grains.GetGrain<IRuleGrain>("bench-webhook").Define(new RuleDefinition("", "every opened anomaly to a webhook", true,
            new RuleTrigger([AnomalyEventKind.Opened], [], AnomalySeverity.Low, [], null), [new RuleAction(RuleActionType.Webhook, url, Secret)],
            TimeSpan.Zero, false, null));

        var onStream = new ConcurrentBag<double>(); // signal to the event's arrival on the stream: the part before the rules
        await host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider)
            .GetStream<AnomalyEvent>(StreamId.Create(StreamNames.Anomalies, StreamNames.AllAnomalies))
            .SubscribeAsync((e, _) => Task.Run(() => onStream.Add((DateTimeOffset.UtcNow - e.Anomaly.FirstSeen).TotalMilliseconds)));
        Console.WriteLine($"verdict to action: {rate:N0} anomaly signals/s for {seconds} s (after {warmup} s of warm-up), one webhook rule, receiver on loopback");
        await Send(grains, rate, warmup, "warm");
        await Task.Delay(1_000);
        latencies.Clear();
        onStream.Clear();
        repeats = 0;
        var sent = await Send(grains, rate, seconds, "run");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (latencies.Count < sent && DateTime.UtcNow < deadline) await Task.Delay(100);
        receiver.Dispose();

        var sorted = latencies.Values.Order().ToArray();
        var streamSorted = onStream.Order().ToArray();
        double Percentile(double p) => At(sorted, p);
        Console.WriteLine($"  signals sent          {sent,10:N0}   webhooks received {sorted.Length:N0} (and {repeats:N0} repeated deliveries: retries after a timeout)");
        Console.WriteLine($"  latency p50           {Percentile(0.5),10:F1} ms   p99 {Percentile(0.99):F1} ms   max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1} ms");
        Console.WriteLine($"  of which to the stream p50 {At(streamSorted, 0.5),6:F1} ms   p99 {At(streamSorted, 0.99):F1} ms (the anomaly grains' part)");
        var pass = sorted.Length == sent && Percentile(0.99) <= TargetP99Milliseconds;
        Console.WriteLine($"  p99 target <= {TargetP99Milliseconds} ms: {(pass ? "PASS" : "FALL SHORT")}");
        BenchReport.Add(new BenchRow("actions", "verdict to webhook", sorted.Length / (double)seconds, "actions/s", Percentile(0.5), Percentile(0.99), null, null,
            null, null, $"p99 <= {TargetP99Milliseconds} ms, all delivered", pass));
        await host.StopAsync();
        return 0;
    }

    private static double At(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    /// <summary>Paced in 10 ms ticks; each signal is a new series, so each opens an anomaly.</summary>
    private static async Task<int> Send(IGrainFactory grains, int rate, int seconds, string tag)
    {
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var calls = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var signal = new AnomalySignal($"bench-{i % 1000}", $"{tag}-{i}", null, AnomalyCategory.Other, AnomalySeverity.Medium, 0.9995, 1,
                DateTimeOffset.UtcNow, [], "bench");
            calls.Add(grains.GetGrain<IAnomalyGrain>($"{tag}-{i}").Signal(signal));
        }

        await Task.WhenAll(calls);
        return total;
    }
}
