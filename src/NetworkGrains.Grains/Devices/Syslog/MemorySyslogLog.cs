using NetworkGrains.Abstractions;
using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Syslog;

/// <summary>The default profile's syslog log: the newest <see cref="Limits.SyslogKept"/> per device, in memory like everything else there.</summary>
public sealed class MemorySyslogLog : ISyslogLog, DataLifecycle.IDeviceData
{
    public string Kind => "syslog";

    private readonly ConcurrentDictionary<string, NewestRing<SyslogEntry>> _byDevice = new();

    public bool TryAppend(string deviceId, IReadOnlyList<SyslogEntry> entries)
    {
        var kept = _byDevice.GetOrAdd(deviceId, _ => new NewestRing<SyslogEntry>(Limits.SyslogKept));
        lock (kept)
            foreach (var entry in entries) kept.Add(entry);
        return true;
    }

    public Task<SyslogEntry[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (!_byDevice.TryGetValue(deviceId, out var kept)) return Task.FromResult(Array.Empty<SyslogEntry>());
        List<SyslogEntry> older;
        lock (kept) older = kept.Newest(count, e => e.ReceivedAt < before);
        older.Reverse();
        return Task.FromResult(older.ToArray());
    }

    public Task<SyslogEntry[]> SearchAsync(string deviceId, SyslogQuery query, CancellationToken cancellationToken)
    {
        if (!_byDevice.TryGetValue(deviceId, out var kept)) return Task.FromResult(Array.Empty<SyslogEntry>());
        lock (kept) return Task.FromResult(kept.Newest(query.Last, query.Matches).ToArray());
    }

    public Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byDevice.TryRemove(deviceId, out var kept) ? (long)kept.Count : 0);
}
