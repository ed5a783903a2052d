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

    private async Task<IAnomalyGrain> Open(DateTimeOffset at)
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>($"a-{Guid.NewGuid():N}");
        await grain.Signal(new AnomalySignal($"quiet-{Guid.NewGuid():N}", "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.Medium, 0.999, 80, at, [], "ngcompact"));
        return grain;
    }
}
