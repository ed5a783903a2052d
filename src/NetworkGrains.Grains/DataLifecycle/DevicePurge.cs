using NetworkGrains.Abstractions.Security;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>What a purge deleted (rows by kind) and the model versions trained on datasets built from the device's rollups.</summary>
public sealed record DevicePurgeResult(string DeviceId, IReadOnlyDictionary<string, long> Deleted, TrainedModel[] Models);

/// <summary>A model whose versions were trained on data from the purged device: retrain them.</summary>
public sealed record TrainedModel(string Model, int[] Versions);

/// <summary>
/// Deletion on request, written once for every front end: the device grain forgets its state first (no more
/// writes), then the inventory forgets the device, then every kind of its data outside grain state goes (tables or
/// memory logs; anomalies with their grain states). The audit trail gets who, when, and how many rows of each kind;
/// never the data. The answer names the models trained on datasets built from the device's rollups.
/// </summary>
public sealed class DevicePurge(IGrainFactory grains, IEnumerable<IDeviceData> kinds, AuditTrail audit)
{
    public const string DeviceState = "device_state";

    /// <summary>Null when there is no such device.</summary>
    public async Task<DevicePurgeResult?> PurgeAsync(string deviceId, Actor actor, string source, string? remote, CancellationToken cancellationToken = default)
    {
        var directory = grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        if (await directory.Get(deviceId) is null && await device.GetRecord() is null) return null;

        var deleted = new SortedDictionary<string, long>(StringComparer.Ordinal) { [DeviceState] = await device.Purge() ? 1 : 0 };
        await directory.Remove(deviceId);
        foreach (var kind in kinds)
            deleted[kind.Kind] = deleted.GetValueOrDefault(kind.Kind) + await kind.PurgeDeviceAsync(deviceId, cancellationToken);
        foreach (var (kind, rows) in deleted) NetworkGrainsMetrics.RowsDeleted.Add(rows, new("kind", kind), new("reason", "purge"));

        var models = await TrainedOnAsync(deviceId);
        var summary = "deleted " + string.Join(", ", deleted.Select(d => $"{d.Key} {d.Value}")) +
                      (models.Length == 0 ? "" : "; trained on its rollups: " + string.Join(", ", models.Select(m => $"{m.Model} v{string.Join(",v", m.Versions)}")));
        await audit.RecordAsync(actor, source, Permissions.DevicePurge, $"/api/v1/devices/{deviceId}", summary, remote);
        return new DevicePurgeResult(deviceId, deleted, models);
    }

    /// <summary>Lineage: the versions whose training data's SHA-256 is one of the datasets built from the device's rollups.</summary>
    private async Task<TrainedModel[]> TrainedOnAsync(string deviceId)
    {
        var datasets = (await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).DatasetsFromDevice(deviceId)).ToHashSet(StringComparer.Ordinal);
        if (datasets.Count == 0) return [];
        var trained = new List<TrainedModel>();
        foreach (var entry in await grains.GetGrain<IModelCatalogGrain>(IModelCatalogGrain.Key).List())
        {
            if (await grains.GetGrain<IModelGrain>(entry.Name).Get() is not { } model) continue;
            var versions = model.Versions.Where(v => datasets.Contains(v.TrainingDataSha256)).Select(v => v.Version).ToArray();
            if (versions.Length > 0) trained.Add(new TrainedModel(model.Name, versions));
        }
        return [.. trained];
    }
}
