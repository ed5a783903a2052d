using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Grains.Tests.Anomalies;

[Collection(ClusterCollection.Name)]
public sealed class QuietSweepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_sweep_resolves_anomalies_quiet_for_the_quiet_period_and_leaves_recent_ones_open()
    {
        var quiet = await Open(DateTimeOffset.UtcNow.AddHours(-2)); // Anomalies:QuietPeriod is 30 minutes
        var recent = await Open(DateTimeOffset.UtcNow.AddMinutes(-1));

        var resolved = await fixture.Cluster.GrainFactory.GetGrain<IQuietSweeperGrain>(IQuietSweeperGrain.Key).Sweep();

        Assert.True(resolved >= 1);
        var closed = (await quiet.Get())!;
        Assert.Equal(AnomalyStatus.Resolved, closed.Status);
        Assert.Equal("system", closed.Timeline[^1].By);
        Assert.Equal(AnomalyStatus.Detected, (await recent.Get())!.Status);
        Assert.False(await recent.ResolveIfQuiet());
    }

    [Fact]
    public async Task A_signal_the_quiet_period_after_the_last_finds_the_anomaly_quiet_and_the_device_opens_another()
    {
        var device = await fixture.RegisterDeviceAsync("stale");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds());
        // A backfill's verdict days ago opens an anomaly; the sweep has not run since.
        await device.Ingest(new Abstractions.Devices.TelemetryBatch(CpuReadings.From(start, 0, 1600, 400, 1500)));
        var backfilled = await Poll.ValueAsync(async () => await Anomalies(device.GetPrimaryKeyString()) is { Length: 1 } a ? a[0] : null);

        await device.Ingest(new Abstractions.Devices.TelemetryBatch(CpuReadings.From(start, 1600, 400, 900, 1990)));

        var both = await Poll.ValueAsync(async () => await Anomalies(device.GetPrimaryKeyString()) is { Length: 2 } a ? a : null);
        Assert.Equal(AnomalyStatus.Resolved, both.Single(a => a.Id == backfilled.Id).Status);
        Assert.Equal((AnomalyStatus.Detected, 900.0), both.Where(a => a.Id != backfilled.Id).Select(a => (a.Status, a.Peak)).Single());
    }

    private async Task<Anomaly[]> Anomalies(string deviceId) =>
        (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, deviceId, 1, 10))).Items;

    private async Task<IAnomalyGrain> Open(DateTimeOffset at)
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>($"a-{Guid.NewGuid():N}");
        await grain.Signal(new AnomalySignal($"quiet-{Guid.NewGuid():N}", "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.Medium, 0.999, 80, at, [], "ngcompact"));
        return grain;
    }
}
