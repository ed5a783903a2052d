using NetworkGrains.Abstractions;
using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Traps;

/// <summary>The default profile's trap log: the newest <see cref="Limits.TrapsKept"/> per device, in memory like everything else there.</summary>
public sealed class MemoryTrapLog : ITrapLog, DataLifecycle.IDeviceData
{
    public string Kind => "traps";

    private readonly ConcurrentDictionary<string, TrapRing> _byDevice = new();

    public bool Durable => false;

    public bool TryAppend(string deviceId, IReadOnlyList<TrapEvent> traps, TaskCompletionSource? written = null)
    {
        var kept = _byDevice.GetOrAdd(deviceId, _ => new TrapRing(Limits.TrapsKept));
        lock (kept) kept.Add(traps);
        written?.TrySetResult();
        return true;
    }

    public Task<TrapEvent[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (!_byDevice.TryGetValue(deviceId, out var kept)) return Task.FromResult(Array.Empty<TrapEvent>());
        lock (kept) return Task.FromResult(kept.Before(before, count));
    }

    public Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byDevice.TryRemove(deviceId, out var kept) ? (long)kept.Count : 0);
}
