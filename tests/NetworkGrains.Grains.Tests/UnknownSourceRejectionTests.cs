using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Tests;

public sealed class UnknownSourceRejectionTests(RejectingClusterFixture fixture) : IClassFixture<RejectingClusterFixture>
{
    [Fact]
    public async Task With_the_reject_policy_an_unknown_source_maps_to_no_device_and_is_not_registered()
    {
        var directory = fixture.Cluster.GrainFactory.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        await directory.Register(new DeviceRecord("known", "known", "198.51.100.7", null, null, null, null, [], null));

        Assert.Null(await directory.ResolveSource("198.51.100.8"));
        Assert.Equal("known", await directory.ResolveSource("198.51.100.7"));
        Assert.Equal(1, (await directory.List(new DeviceQuery())).Total);
    }
}
