using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;
using Orleans.Streams;

namespace NetworkGrains.Grains.Tests.Anomalies;

/// <summary>
/// A storm of repeats (a flapping link's traps) goes out as a few updates, the last with the whole count; a severity
/// change at once. The device holds repeats back too, and its flush passes on their count.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AnomalyRepeatTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_storm_of_repeats_goes_out_as_a_few_updates_carrying_every_one()
    {
        var id = $"storm-{Guid.NewGuid():N}";
        var events = new List<AnomalyEvent>();
        var subscription = await fixture.AnomalyStream.SubscribeAsync((e, _) => { if (e.Anomaly.Id == id) lock (events) events.Add(e); return Task.CompletedTask; });
        var anomaly = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(id);

        var storm = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) await anomaly.Signal(Signal(AnomalySeverity.Medium, i));
        var last = await Poll.ValueAsync(() => { lock (events) return Task.FromResult(events.LastOrDefault(e => e.Anomaly.Count == 200)); });
        var lasted = storm.Elapsed;
        Assert.Equal(AnomalyEventKind.Updated, last.Kind);
        lock (events)
        {
            Assert.Equal(AnomalyEventKind.Opened, events[0].Kind);
            Assert.InRange(events.Count, 2, 2 + (int)(lasted / AnomalyGrain.RepeatInterval)); // the opening, then at most one update per interval
        }

        // A severity change goes out at once: by the time Signal returns it is in the anomaly list, which held repeats never reach.
        await anomaly.Signal(Signal(AnomalySeverity.Critical, 200));
        var listed = (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, "storm-device", 1, 50))).Items.Single(a => a.Id == id);
        Assert.Equal((AnomalySeverity.Critical, 201), (listed.Severity, listed.Count));
        var escalated = await Poll.ValueAsync(() => { lock (events) return Task.FromResult(events.LastOrDefault(e => e.Anomaly.Severity == AnomalySeverity.Critical)); });
        Assert.Equal(201, escalated.Anomaly.Count);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task A_devices_trap_storm_is_one_anomaly_counting_every_trap()
    {
        var device = await fixture.RegisterDeviceAsync("flapper");
        var id = device.GetPrimaryKeyString();
        for (var i = 0; i < 100; i++) await device.RecordTraps([LinkDown("7")]);
        await device.Flush(); // the repeats held back go with the device's flush
        var anomaly = await Poll.ValueAsync(async () =>
            (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, id, 1, 50))).Items is [{ Count: 100 } only] ? only : null, seconds: 10);
        Assert.Equal((AnomalyCategory.LinkDown, "7"), (anomaly.Category, anomaly.Instance));
    }

    private static TrapEvent LinkDown(string ifIndex) => new(DateTimeOffset.UtcNow, "10.0.0.1", "v2c", "1.3.6.1.6.3.1.1.5.3", TrapKind.LinkDown, "public", false,
        [new TrapVarBind("1.3.6.1.2.1.2.2.1.1." + ifIndex, "Integer32", ifIndex)]);

    private static AnomalySignal Signal(AnomalySeverity severity, int i) => new("storm-device", "linkDown", "1", AnomalyCategory.LinkDown, severity, 1, 0,
        DateTimeOffset.UtcNow, [new AnomalyExplanation("ifOperStatus", 2, 1, 1)], "trap");
}
