using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using Orleans.Runtime;
using Orleans.Streams;

namespace NetworkGrains.Grains.Tests.Anomalies;

/// <summary>A storm of repeats (a flapping link's traps) goes out as a few updates, the last with the whole count; a severity change at once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AnomalyRepeatTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_storm_of_repeats_goes_out_as_a_few_updates_carrying_every_one()
    {
        var id = $"storm-{Guid.NewGuid():N}";
        var events = new List<AnomalyEvent>();
        var stream = fixture.Cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<AnomalyEvent>(StreamId.Create(StreamNames.Anomalies, StreamNames.AllAnomalies));
        var subscription = await stream.SubscribeAsync((e, _) => { if (e.Anomaly.Id == id) lock (events) events.Add(e); return Task.CompletedTask; });
        var anomaly = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(id);

        for (var i = 0; i < 200; i++) await anomaly.Signal(Signal(AnomalySeverity.Medium, i));
        var last = await Poll.ValueAsync(() => { lock (events) return Task.FromResult(events.LastOrDefault(e => e.Anomaly.Count == 200)); }, seconds: 10);
        Assert.Equal(AnomalyEventKind.Updated, last.Kind);
        lock (events)
        {
            Assert.Equal(AnomalyEventKind.Opened, events[0].Kind);
            Assert.InRange(events.Count, 2, 6); // the opening, then about one update a second
        }

        await anomaly.Signal(Signal(AnomalySeverity.Critical, 200));
        var escalated = await Poll.ValueAsync(() => { lock (events) return Task.FromResult(events.LastOrDefault(e => e.Anomaly.Severity == AnomalySeverity.Critical)); }, seconds: 2);
        Assert.Equal(201, escalated.Anomaly.Count);
        await subscription.UnsubscribeAsync();
    }

    private static AnomalySignal Signal(AnomalySeverity severity, int i) => new("storm-device", "linkDown", "1", AnomalyCategory.LinkDown, severity, 1, 0,
        DateTimeOffset.UtcNow, [new AnomalyExplanation("ifOperStatus", 2, 1, 1)], "trap");
}
