using System.Collections.Concurrent;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>The default profile's talker log: each device's last <see cref="DeviceTalkers.Retention"/>, in memory.</summary>
public sealed class MemoryTalkerLog : ITalkerLog, DataLifecycle.IDeviceData
{
    public string Kind => "flow_talkers";

    private readonly ConcurrentDictionary<string, List<TalkerMinute>> _byDevice = new();

    public Task AppendAsync(string deviceId, TalkerMinute minute, CancellationToken cancellationToken)
    {
        var kept = _byDevice.GetOrAdd(deviceId, _ => []);
        lock (kept)
        {
            kept.Add(minute);
            var oldest = kept.Max(m => m.UnixMinute) - (long)DeviceTalkers.Retention.TotalMinutes;
            kept.RemoveAll(m => m.UnixMinute < oldest);
        }
        return Task.CompletedTask;
    }

    public Task<TalkerMinute[]> ReadAsync(string deviceId, long fromUnixMinute, CancellationToken cancellationToken)
    {
        if (!_byDevice.TryGetValue(deviceId, out var kept)) return Task.FromResult(Array.Empty<TalkerMinute>());
        lock (kept) return Task.FromResult(kept.Where(m => m.UnixMinute >= fromUnixMinute).ToArray());
    }

    /// <summary>Counts a kept minute's talkers, as flow_top keeps one row for each.</summary>
    public Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byDevice.TryRemove(deviceId, out var kept) ? kept.Sum(m => (long)m.Dimensions.Sum(d => d.Talkers.Length)) : 0);
}
