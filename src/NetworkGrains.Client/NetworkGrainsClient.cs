using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Client;

/// <summary>Typed access to a NetworkGrains cluster for other .NET applications.</summary>
public sealed class NetworkGrainsClient(IClusterClient cluster)
{
    private IDeviceCatalogGrain Directory => cluster.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);

    /// <summary>A page of the inventory (pages start at 1), optionally filtered by site, role or tag.</summary>
    public Task<DevicePage> ListDevicesAsync(DeviceQuery? query = null) => Directory.List(query ?? new DeviceQuery());

    /// <summary>The device's record, or null when no device has this id.</summary>
    public Task<DeviceRecord?> GetDeviceAsync(string deviceId) => Directory.Get(deviceId);

    /// <summary>Creates or updates a device. Refused when another device has the same management address.</summary>
    public Task<RegisterOutcome> RegisterDeviceAsync(DeviceRecord record) => Directory.Register(record);

    /// <summary>Sends many readings of one device in one call.</summary>
    public Task<IngestResult> IngestAsync(string deviceId, params Reading[] readings) =>
        cluster.GetGrain<IDeviceGrain>(deviceId).Ingest(new TelemetryBatch(readings));

    /// <summary>Running statistics of every series the device holds.</summary>
    public Task<SeriesSummary[]> GetSeriesAsync(string deviceId) => cluster.GetGrain<IDeviceGrain>(deviceId).GetSeries();

    /// <summary>Raw points of one series within [from, to].</summary>
    public Task<TelemetryPoint[]> GetTelemetryAsync(string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to) =>
        cluster.GetGrain<IDeviceGrain>(deviceId).GetRaw(metric, instance, from, to);

    /// <summary>A page of anomalies, newest last seen first; by default the open ones (detected) of every device.</summary>
    public Task<AnomalyPage> ListAnomaliesAsync(AnomalyStatus? status = AnomalyStatus.Detected, AnomalySeverity? severity = null, string? deviceId = null,
        int page = 1, int limit = 50) =>
        cluster.GetGrain<IAnomalyQueryGrain>(0).List(severity, status, null, deviceId, page, limit);
}
