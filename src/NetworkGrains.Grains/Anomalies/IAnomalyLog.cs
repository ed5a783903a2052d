using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Anomalies;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>Filters of the anomaly list: each null means any.</summary>
public sealed record AnomalyQuery(AnomalySeverity? Severity, AnomalyStatus? Status, DateTimeOffset? Since, string? DeviceId, int Page, int Limit);

/// <summary>
/// The query side of anomalies (PostgreSQL table anomaly in the Postgres profile, memory in the default one): each
/// anomaly grain writes its anomaly here after every change; listing reads from here, newest last-seen first.
/// </summary>
public interface IAnomalyLog
{
    Task Upsert(Anomaly anomaly, CancellationToken cancellationToken = default);

    Task<(Anomaly[] Items, int Total)> Query(AnomalyQuery query, CancellationToken cancellationToken = default);

    /// <summary>Open anomalies last seen before <paramref name="lastSeenBefore"/>, oldest first: the quiet sweep's candidates.</summary>
    Task<string[]> QuietOpen(DateTimeOffset lastSeenBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="limit"/> ids: of one device's anomalies, or (with <paramref name="closedBefore"/>) of closed ones last seen before then.</summary>
    Task<string[]> Ids(string? deviceId, DateTimeOffset? closedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes these anomalies from the list; how many were there.</summary>
    Task<long> Delete(string[] ids, CancellationToken cancellationToken = default);

    /// <summary>How many open anomalies each of <paramref name="deviceIds"/> has, by severity (indexed by <see cref="AnomalySeverity"/>); devices without any are left out.</summary>
    Task<Dictionary<string, int[]>> OpenCounts(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken = default);
}

public sealed class MemoryAnomalyLog : IAnomalyLog
{
    private readonly ConcurrentDictionary<string, Anomaly> _anomalies = new(StringComparer.Ordinal);

    public Task Upsert(Anomaly anomaly, CancellationToken cancellationToken = default)
    {
        _anomalies[anomaly.Id] = anomaly;
        return Task.CompletedTask;
    }

    public Task<(Anomaly[] Items, int Total)> Query(AnomalyQuery query, CancellationToken cancellationToken = default)
    {
        var matching = _anomalies.Values
            .Where(a => (query.Severity is null || a.Severity == query.Severity) && (query.Status is null || a.Status == query.Status)
                        && (query.Since is null || a.LastSeen >= query.Since) && (query.DeviceId is null || a.DeviceId == query.DeviceId))
            .OrderByDescending(a => a.LastSeen).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        return Task.FromResult((matching.Skip((query.Page - 1) * query.Limit).Take(query.Limit).ToArray(), matching.Count));
    }

    public Task<string[]> QuietOpen(DateTimeOffset lastSeenBefore, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_anomalies.Values.Where(a => a.IsOpen && a.LastSeen < lastSeenBefore).OrderBy(a => a.LastSeen).Take(limit).Select(a => a.Id).ToArray());

    public Task<string[]> Ids(string? deviceId, DateTimeOffset? closedBefore, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_anomalies.Values
            .Where(a => (deviceId is null || a.DeviceId == deviceId) && (closedBefore is null || !a.IsOpen && a.LastSeen < closedBefore))
            .OrderBy(a => a.LastSeen).Take(limit).Select(a => a.Id).ToArray());

    public Task<long> Delete(string[] ids, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)ids.Count(id => _anomalies.TryRemove(id, out _)));

    public Task<Dictionary<string, int[]>> OpenCounts(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken = default)
    {
        var wanted = deviceIds.ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var anomaly in _anomalies.Values.Where(a => a.IsOpen && wanted.Contains(a.DeviceId)))
        {
            if (!counts.TryGetValue(anomaly.DeviceId, out var bySeverity)) counts[anomaly.DeviceId] = bySeverity = new int[Enum.GetValues<AnomalySeverity>().Length];
            bySeverity[(int)anomaly.Severity]++;
        }

        return Task.FromResult(counts);
    }
}
