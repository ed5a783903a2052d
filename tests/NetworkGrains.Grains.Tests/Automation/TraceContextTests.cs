using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.ChatOps;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.Session;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>The W3C trace context: of an anomaly event written before it existed, malformed, or carried to a rule's webhook; on outgoing calls.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TraceContextTests(ClusterFixture fixture)
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public async Task An_event_written_before_the_trace_context_reads_without_one_and_its_rule_acts()
    {
        var anomaly = Anomaly("old");
        // The hand-written format is the codec's own: byte for byte with the field.
        var current = new AnomalyEvent(AnomalyEventKind.Opened, anomaly, $"00-{TraceId}-00f067aa0ba902b7-01");
        Assert.Equal(fixture.SiloService<Serializer>().SerializeToArray(current), WireFormat(anomaly, current.TraceParent));

        var old = Deserialize(WireFormat(anomaly, traceParent: null));

        Assert.Equal((AnomalyEventKind.Opened, anomaly.Id, (string?)null), (old.Kind, old.Anomaly.Id, old.TraceParent));
        using var receiver = new WebhookReceiver();
        var execution = Assert.Single(await (await Rule(receiver.Url)).Handle(old, force: true));
        Assert.Equal(ExecutionOutcome.Succeeded, execution.Outcome);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task The_rules_webhook_carries_the_events_trace_and_a_malformed_one_starts_a_new_trace()
    {
        using var listener = Listen();
        using var receiver = new WebhookReceiver();
        var rule = await Rule(receiver.Url);

        var traced = await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, Anomaly("traced"), $"00-{TraceId}-00f067aa0ba902b7-01"), force: true);
        var malformed = await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, Anomaly("malformed"), "00-not-a-trace-01"), force: true);

        Assert.All(traced.Concat(malformed), e => Assert.Equal(ExecutionOutcome.Succeeded, e.Outcome));
        var headers = receiver.TraceParents.Select(h => ActivityContext.TryParse(h, null, out var context) ? context : default).ToArray();
        Assert.Equal(2, headers.Length);
        Assert.Equal(TraceId, headers[0].TraceId.ToHexString());
        Assert.NotEqual(default, headers[1].TraceId);
        Assert.NotEqual(TraceId, headers[1].TraceId.ToHexString());
    }

    [Fact]
    public async Task Webhook_and_Bot_Connector_requests_carry_the_traceparent_of_their_own_exported_span()
    {
        var ended = new ConcurrentQueue<Activity>();
        using var listener = Listen(ended.Enqueue);
        using var receiver = new WebhookReceiver();
        using var http = new HttpClient();
        using (var action = NetworkGrainsTracing.Source.StartActivity("test action"))
        {
            await new WebhookSender(http).SendAsync(receiver.Url, null, "{}"u8.ToArray(), "key-1", CancellationToken.None);
            var connector = new BotConnector(http, new BotTokens(http, Options.Create(new TeamsOptions()), TimeProvider.System));
            await connector.SendAsync(new ConversationReference("c-1", receiver.Url, "msteams", null, null, "bot", null, DateTimeOffset.UtcNow),
                null, BotConnector.Message("hello"), null, CancellationToken.None);

            var spans = receiver.TraceParents.Select(h => ActivityContext.Parse(h, null))
                .Select(context => ended.SingleOrDefault(a => a.SpanId == context.SpanId && a.TraceId == context.TraceId)).ToArray();
            Assert.Equal(["webhook post", "bot connector post"], spans.Select(a => a?.DisplayName));
            Assert.All(spans, a => Assert.Equal(action!.SpanId, a!.ParentSpanId));
        }
    }

    /// <summary>An event as the codec writes it: the fields by id, the trace context (id 2) only when given, as before it existed.</summary>
    private byte[] WireFormat(Anomaly anomaly, string? traceParent)
    {
        var codecs = fixture.SiloService<ICodecProvider>();
        using var session = fixture.SiloService<SerializerSessionPool>().GetSession();
        var buffer = new ArrayBufferWriter<byte>();
        var writer = Writer.Create(buffer, session);
        writer.WriteStartObject(0, typeof(AnomalyEvent), typeof(AnomalyEvent));
        writer.WriteEndBase(); // a record's (empty) base fields
        codecs.GetCodec<AnomalyEventKind>().WriteField(ref writer, 0, typeof(AnomalyEventKind), AnomalyEventKind.Opened);
        codecs.GetCodec<Anomaly>().WriteField(ref writer, 1, typeof(Anomaly), anomaly);
        if (traceParent is not null) StringCodec.WriteField(ref writer, 1, traceParent);
        writer.WriteEndObject();
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private AnomalyEvent Deserialize(byte[] bytes) => fixture.SiloService<Serializer>().Deserialize<AnomalyEvent>(bytes) ?? throw new InvalidDataException("no event");

    private static ActivityListener Listen(Action<Activity>? ended = null)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NetworkGrainsTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = ended,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private async Task<IRuleGrain> Rule(string url)
    {
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "to a webhook", true, new RuleTrigger([], [], AnomalySeverity.Low, [], null),
            [new RuleAction(RuleActionType.Webhook, url, null)], TimeSpan.Zero, false, null));
        return rule;
    }

    private static Anomaly Anomaly(string name) => new($"a-{name}-{Guid.NewGuid():N}", "d-trace", "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.High,
        1, 1, AnomalyStatus.Detected, At, At, 1, 1, [], [], null, "ngcompact");
}
