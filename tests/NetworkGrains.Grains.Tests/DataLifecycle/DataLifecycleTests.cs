using System.Text;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.DataLifecycle;

namespace NetworkGrains.Grains.Tests.DataLifecycle;

/// <summary>The kinds the grains own: anomalies (list row and grain state together) and datasets (catalog, bytes, lineage).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DataLifecycleTests(ClusterFixture fixture)
{
    private static readonly Actor Person = new("olga", ["incident_responder"]);

    [Fact]
    public async Task Retention_takes_closed_anomalies_past_the_policy_and_leaves_open_and_recent_ones()
    {
        var data = new AnomalyData(fixture.SiloService<IAnomalyLog>(), fixture.Cluster.GrainFactory, TimeSpan.FromDays(1));
        var device = $"old-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var open = await OpenAsync(device, now.AddDays(-3));
        var closed = await OpenAsync(device, now.AddDays(-3));
        await closed.Resolve(Person, AnomalyStatus.FalsePositive, null);
        var recent = await OpenAsync(device, now.AddHours(-1));
        await recent.Resolve(Person, AnomalyStatus.Resolved, null);

        Assert.True(await data.DeleteOlderThanAsync(now - data.Policy, 10_000) >= 1);

        Assert.Null(await closed.Get());
        Assert.NotNull(await open.Get());
        Assert.NotNull(await recent.Get());
        var (listed, _) = await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, device, 1, 10));
        Assert.Equal(2, listed.Length);

        // On request, every anomaly of the device goes, open ones too.
        Assert.Equal(2, await data.PurgeDeviceAsync(device));
        Assert.Null(await open.Get());
        Assert.Empty((await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, device, 1, 10))).Items);
    }

    [Fact]
    public async Task A_dataset_built_from_rollups_remembers_its_devices_after_it_is_replaced_or_expires()
    {
        var catalog = fixture.Cluster.GrainFactory.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key);
        var device = $"lineage-{Guid.NewGuid():N}";
        var name = $"ds-{Guid.NewGuid():N}";
        var first = await catalog.PutFromDevices(name, Csv(1), [device, "other"]);
        var replaced = await catalog.Put(name, Csv(2));

        Assert.Equal([first.Sha256], await catalog.DatasetsFromDevice(device));
        Assert.DoesNotContain(replaced.Sha256, await catalog.DatasetsFromDevice(device));

        var removed = await new DatasetData(fixture.Cluster.GrainFactory, TimeSpan.FromDays(1)).DeleteOlderThanAsync(replaced.CreatedAt.AddTicks(1), 10_000);
        Assert.True(removed >= 1);
        Assert.DoesNotContain(await catalog.List(), d => d.Name == name);
        Assert.Equal([first.Sha256], await catalog.DatasetsFromDevice(device));
    }

    private async Task<IAnomalyGrain> OpenAsync(string device, DateTimeOffset at)
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>($"a-{Guid.NewGuid():N}");
        await grain.Signal(new AnomalySignal(device, "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.Medium, 0.999, 80, at, [], "ngcompact"));
        return grain;
    }

    private static byte[] Csv(int seed) => Encoding.UTF8.GetBytes("cpu,mem\n" + string.Join('\n', Enumerable.Range(0, 5).Select(i => $"{i * seed},{i}")) + "\n");
}
