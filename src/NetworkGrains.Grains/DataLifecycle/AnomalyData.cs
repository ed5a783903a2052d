using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>Anomalies live twice, as grain state (the truth) and in the anomaly list: both go, grain first.</summary>
public sealed class AnomalyData(IAnomalyLog log, IGrainFactory grains, TimeSpan policy) : IDeviceData, IRetainedData
{
    private const int PurgeBatch = 500;

    public string Kind => "anomalies";

    public TimeSpan Policy => policy;

    public async Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        long deleted = 0;
        while (await log.Ids(deviceId, closedBefore: null, PurgeBatch, cancellationToken) is { Length: > 0 } ids)
        {
            var batch = await DeleteAsync(ids, cancellationToken);
            if (batch == 0) break;
            deleted += batch;
        }
        return deleted;
    }

    /// <summary>Closed anomalies last seen before the cutoff; open ones are still being worked and stay.</summary>
    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default) =>
        await DeleteAsync(await log.Ids(deviceId: null, closedBefore: cutoff, limit, cancellationToken), cancellationToken);

    private async Task<long> DeleteAsync(string[] ids, CancellationToken cancellationToken)
    {
        await Task.WhenAll(ids.Select(id => grains.GetGrain<IAnomalyGrain>(id).Purge()));
        return await log.Delete(ids, cancellationToken);
    }
}
