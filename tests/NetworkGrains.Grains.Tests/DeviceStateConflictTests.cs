using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Windows;
using Orleans.Runtime;
using Orleans.Storage;

namespace NetworkGrains.Grains.Tests;

/// <summary>
/// Two activations of one device, as when a stopping silo's devices are activated elsewhere before its final flush:
/// the stored state is written by the other one while this one acknowledges readings.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeviceStateConflictTests(ClusterFixture fixture)
{
    private const string StateName = "device"; // DeviceGrain's [PersistentState] name

    [Fact]
    public async Task Readings_acknowledged_while_another_activation_wrote_the_state_are_replayed_onto_it_not_lost()
    {
        var device = await fixture.RegisterDeviceAsync("conflict");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());
        Reading[] Cpu(int first, int count) =>
            [.. Enumerable.Range(first, count).Select(s => new Reading("cpu", null, start.AddSeconds(s), s, MetricKind.Gauge))];
        await device.Ingest(new TelemetryBatch(Cpu(0, 10)));
        await device.Flush();

        // The other activation: reads the stored state, accepts second 10, writes.
        var storage = fixture.SiloService<IGrainStorage>(StorageNames.Devices);
        var stored = new GrainState<DeviceState>();
        await storage.ReadStateAsync(StateName, device.GetGrainId(), stored);
        Assert.Equal(1, stored.State!.Windows.Ingest(Cpu(10, 1), fixture.SiloService<WindowOptions>(), DateTimeOffset.UtcNow).Accepted);
        await storage.WriteStateAsync(StateName, device.GetGrainId(), stored);

        Assert.Equal(5, (await device.Ingest(new TelemetryBatch(Cpu(11, 5)))).Accepted);
        await device.Flush(); // its write fails on the version: it reads the stored state and replays seconds 11-15 onto it

        var expected = Enumerable.Range(0, 16).Select(s => start.AddSeconds(s)).ToArray();
        Assert.Equal(expected, (await device.GetRaw("cpu", null, start, start.AddMinutes(1))).Select(p => p.Timestamp));
        await storage.ReadStateAsync(StateName, device.GetGrainId(), stored);
        Assert.Equal(16, stored.State!.Windows.Find("cpu", null)!.Count);

        Assert.Equal(1, (await device.Ingest(new TelemetryBatch(Cpu(16, 1)))).Accepted);
        await device.Flush(); // and writes on from the version it read
        await storage.ReadStateAsync(StateName, device.GetGrainId(), stored);
        Assert.Equal(17, stored.State!.Windows.Find("cpu", null)!.Count);
    }
}
