using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Silo.Ui.Views;

/// <summary>A device's health on the fleet page: when it last reported, how it is polled, its open anomalies by severity (indexed by severity).</summary>
public sealed record FleetRow(DeviceRecord Device, DateTimeOffset? LastReading, int Series, PollingProfile? Polling, int[] Open);

/// <summary>
/// One page of the fleet: the directory pages and filters the inventory; the page's devices are then asked for their
/// series and polling (in parallel), and the anomaly list for their open anomalies (one query for the page).
/// </summary>
public sealed class FleetView(IGrainFactory grains, IAnomalyLog anomalies)
{
    public async Task<(FleetRow[] Rows, int Total)> LoadAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        var page = await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).List(query);
        var open = await anomalies.OpenCounts([.. page.Items.Select(d => d.Id)], cancellationToken);
        var rows = await Task.WhenAll(page.Items.Select(async device =>
        {
            var grain = grains.GetGrain<IDeviceGrain>(device.Id);
            var series = grain.GetSeries();
            var polling = grain.GetPolling();
            var summaries = await series;
            return new FleetRow(device, summaries.Max(s => s.LastTimestamp), summaries.Length, await polling,
                open.GetValueOrDefault(device.Id) ?? new int[Enum.GetValues<NetworkGrains.Abstractions.Anomalies.AnomalySeverity>().Length]);
        }));
        return (rows, page.Total);
    }
}
