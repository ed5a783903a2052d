using System.Diagnostics;
using System.Net;
using NetworkGrains.Grains.Tests.Automation;
using NetworkGrains.Integration.Tests.Models;
using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests.Tracing;

/// <summary>
/// Tracing:OtlpEndpoint on two silos of one cluster (anomalies on ADO.NET or memory streams): a linkDown trap sent with net-snmp to each silo is one trace
/// from its receipt through the device grain, the anomaly, the stream and the rule to the webhook, whose traceparent
/// names the webhook call's span; the device lives on one silo, so the trap received by the other crosses silos.
/// </summary>
public sealed class TrapTraceTests(ITestOutputHelper output)
{
    private const string Community = "trace-community-77";

    /// <summary>The product's spans from a trap's receipt to its webhook, each an ancestor of the next (Orleans' grain calls between).</summary>
    private static readonly string[] Chain =
        ["trap received", "trap deliver", "device record traps", "anomaly opened", "anomaly dispatch", "rule evaluate", "rule action", "webhook post"];

    [Theory]
    [InlineData("AdoNet")]
    [InlineData("Memory")]
    public async Task A_traps_trace_reaches_the_webhook_across_silos(string streams)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var otlp = new OtlpReceiver();
        using var webhook = new WebhookReceiver();
        var cluster = $"trace{Guid.NewGuid():N}"[..16];
        var settings = new Dictionary<string, string>
        {
            ["Tracing__OtlpEndpoint"] = otlp.Endpoint,
            ["Streams__Provider"] = streams,
            ["Snmp__Communities__0__Name"] = "lab",
            ["Snmp__Communities__0__Community"] = Community,
        };
        await using var first = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await using var second = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await database.WaitForCountAsync(
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{cluster}' AND status = 3", 2, TimeSpan.FromSeconds(30));
        await first.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "link-hook",
            trigger = new { devices = new[] { "lab-router" } },
            actions = new[] { new { type = "webhook", url = webhook.Url, secret = "trace-webhook-secret-1" } },
        }, HttpStatusCode.Created);
        await first.Http.PutDeviceAsync("lab-router", "127.0.0.1");

        // One trap to each silo, on two interfaces: two anomalies, two webhooks.
        foreach (var (silo, ifIndex) in new[] { (first, 7), (second, 8) })
            await SnmpTrapInteropTests.NetSnmp("snmptrap",
                $"-v 2c -c {Community} 127.0.0.1:{silo.Settings["Snmp__TrapPort"]} {ifIndex}00 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.{ifIndex} i {ifIndex}");
        await Poll.UntilAsync(() => webhook.Received.Count == 2, seconds: 60);

        var paths = new List<IReadOnlyList<ExportedSpan>>();
        foreach (var header in webhook.TraceParents)
        {
            Assert.True(ActivityContext.TryParse(header, null, out var context), $"the webhook's traceparent '{header}' is not W3C");
            var (traceId, spanId) = (context.TraceId.ToHexString(), context.SpanId.ToHexString());
            // The batch exporter sends every few seconds, a span once it has ended: wait until the spans from the
            // header's (the webhook call's) up to the trace's root are all in.
            try
            {
                await Poll.UntilAsync(() => PathToRoot(otlp.Spans.Where(s => s.TraceId == traceId), spanId) is [{ ParentSpanId: "" }, ..], seconds: 60);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"the spans of trace {header} did not all arrive: " +
                    string.Join(", ", otlp.Spans.Where(s => s.TraceId == traceId).Select(s => $"{s.Name} {s.SpanId}<{s.ParentSpanId}")) + $"\n{first.Tail()}\n{second.Tail()}");
            }
            var path = PathToRoot(otlp.Spans.Where(s => s.TraceId == traceId), spanId);
            output.WriteLine(string.Join(" -> ", path.Select(s => $"{s.Name} @{s.Exporter}")));
            Assert.Equal("webhook post", path[^1].Name);
            Assert.Equal(Chain, path.Select(s => s.Name).Where(Chain.Contains));
            Assert.Equal("trap received", path[0].Name);
            paths.Add(path);
        }

        Assert.Empty(otlp.Refused);
        Assert.Equal(2, paths.Count);
        Assert.All(paths, path => Assert.Equal(("127.0.0.1", "link_down"), (path[0].Attributes["source.address"], path[0].Attributes["ng.trap.kind"])));
        Assert.DoesNotContain(otlp.Spans, s => s.Attributes.Values.Any(v => v.Contains(Community, StringComparison.Ordinal)));
        // Each trap was received by a different silo, and the device lives on one of them: one trace was handled by both.
        Assert.Equal(2, paths.Select(path => path[0].Exporter).Distinct().Count());
        Assert.Contains(paths, path => path.Select(s => s.Exporter).Distinct().Count() > 1);
    }

    /// <summary>The span and its ancestors as far as they have arrived, the farthest first.</summary>
    private static List<ExportedSpan> PathToRoot(IEnumerable<ExportedSpan> trace, string spanId)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var path = new List<ExportedSpan>();
        for (var id = spanId; byId.TryGetValue(id, out var span) && path.Count < byId.Count; id = span.ParentSpanId) path.Add(span);
        path.Reverse();
        return path;
    }
}
