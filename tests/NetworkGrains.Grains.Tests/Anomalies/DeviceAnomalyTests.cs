using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Anomalies;
using Orleans.Streams;

namespace NetworkGrains.Grains.Tests.Anomalies;

[Collection(ClusterCollection.Name)]
public sealed class DeviceAnomalyTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds());
    private static readonly Actor Ops = new("olga", ["operator"]);

    [Fact]
    public async Task A_spike_opens_an_anomaly_a_repeat_updates_it_and_after_resolution_a_new_one_opens()
    {
        var events = new List<AnomalyEvent>();
        var subscription = await fixture.AnomalyStream.SubscribeAsync((e, _) => { lock (events) events.Add(e); return Task.CompletedTask; });
        var device = await fixture.RegisterDeviceAsync("anom");
        var id = device.GetPrimaryKeyString();

        // Ten-second readings: the detector's repeat (past its 100-point hold-off) comes within the quiet period.
        var step = TimeSpan.FromSeconds(10);
        await device.Ingest(new TelemetryBatch(CpuReadings.Every(step, Start, 0, 1600, 400, 1500)));
        var opened = await Single(id);
        Assert.Equal((AnomalyCategory.Cpu, AnomalyStatus.Detected, 1), (opened.Category, opened.Status, opened.Count));
        var explanation = Assert.Single(opened.Explanation);
        Assert.Equal(("cpu", 400.0), (explanation.Feature, explanation.Value));
        Assert.InRange(explanation.Baseline!.Value, 19, 23);

        await device.Ingest(new TelemetryBatch(CpuReadings.Every(step, Start, 1600, 200, 900, 1650)));
        var updated = await Eventually(async () => await Single(id) is { Count: 2 } a ? a : null);
        Assert.Equal((opened.Id, 900.0), (updated.Id, updated.Peak));

        var anomaly = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(opened.Id);
        await anomaly.Investigate(Ops, "looking");
        await anomaly.Resolve(Ops, AnomalyStatus.FalsePositive, "a test");
        await device.Ingest(new TelemetryBatch(CpuReadings.Every(step, Start, 1800, 200, 5000, 1950)));
        var all = await Eventually(async () => await List(id) is { Length: 2 } a ? a : null);
        Assert.Contains(all, a => a.Id != opened.Id && a.Status == AnomalyStatus.Detected);

        var mine = await Eventually(() =>
        {
            lock (events) return Task.FromResult(events.Where(e => e.Anomaly.DeviceId == id).ToList() is { Count: >= 5 } list ? list : null);
        });
        Assert.Equal(
            [AnomalyEventKind.Opened, AnomalyEventKind.Updated, AnomalyEventKind.StatusChanged, AnomalyEventKind.Resolved, AnomalyEventKind.Opened],
            mine.Select(e => e.Kind));
        Assert.NotEqual(mine[0].Anomaly.Id, mine[4].Anomaly.Id);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task Link_down_opens_an_anomaly_mutes_the_traffic_drop_it_causes_and_link_up_resolves_it()
    {
        var device = await fixture.RegisterDeviceAsync("link");
        var id = device.GetPrimaryKeyString();

        await device.RecordTraps([Trap(TrapKind.LinkDown, "4")]);
        var down = await Eventually(async () => await Single(id));
        Assert.Equal((AnomalyCategory.LinkDown, AnomalySeverity.High, "4"), (down.Category, down.Severity, down.Instance));

        var octets = Enumerable.Range(0, 1600).Select(i => new Reading("ifHCInOctets", "4", Start.AddMinutes(i), (i < 1500 ? 1000 : 1) + i % 7, MetricKind.Gauge)).ToArray();
        await device.Ingest(new TelemetryBatch(octets));
        Assert.Contains(await device.GetVerdicts(10), v => v.Metric == "ifHCInOctets");
        // The device raises its signals one batch after another: once a later trap's anomaly is listed, the drop's turn has passed.
        await device.RecordTraps([Trap(TrapKind.LinkDown, "5")]);
        var listed = await Eventually(async () => await List(id) is var all && all.Any(a => a.Instance == "5") ? all : null);
        Assert.All(listed, a => Assert.Equal(AnomalyCategory.LinkDown, a.Category)); // the drop was inhibited

        await device.RecordTraps([Trap(TrapKind.LinkUp, "4")]);
        await Eventually(async () => await fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(down.Id).Get() is { Status: AnomalyStatus.Resolved } a ? a : null);
    }

    [Fact]
    public async Task Anomalies_a_device_opens_within_ten_minutes_share_a_group()
    {
        var device = await fixture.RegisterDeviceAsync("group");
        var id = device.GetPrimaryKeyString();
        var random = new Random(7);
        Reading Point(string metric, int minute, int spikeAt) =>
            new(metric, null, Start.AddMinutes(minute), minute == spikeAt ? 400 : 20 + random.NextDouble() * 2, MetricKind.Gauge);

        await device.Ingest(new TelemetryBatch([.. Enumerable.Range(0, 1600).SelectMany(i => new[] { Point("cpu", i, 1500), Point("mem", i, 1505), Point("temp", i, 1540) })]));

        var anomalies = await Eventually(async () => await List(id) is { Length: 3 } a ? a : null);
        var byMetric = anomalies.ToDictionary(a => a.Metric);
        Assert.Equal(byMetric["cpu"].Id, byMetric["cpu"].GroupId);
        Assert.Equal(byMetric["cpu"].Id, byMetric["mem"].GroupId);
        Assert.Equal(byMetric["temp"].Id, byMetric["temp"].GroupId);
    }

    private async Task<Anomaly[]> List(string deviceId) =>
        (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, deviceId, 1, 50))).Items;

    private static Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class => Poll.ValueAsync(probe, seconds: 10);

    private async Task<Anomaly> Single(string deviceId) => await Eventually(async () => await List(deviceId) is { Length: 1 } a ? a[0] : null);

    private static TrapEvent Trap(TrapKind kind, string ifIndex) => new(DateTimeOffset.UtcNow, "10.0.0.1", "v2c", "1.3.6.1.6.3.1.1.5.3", kind, "public", false,
        [new TrapVarBind("1.3.6.1.2.1.2.2.1.1." + ifIndex, "Integer32", ifIndex)]);
}
