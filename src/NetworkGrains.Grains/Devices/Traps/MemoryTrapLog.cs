using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Traps;

/// <summary>The default profile's trap log: the newest <see cref="DeviceGrain.MaxTraps"/> per device, in memory like everything else there.</summary>
public sealed class MemoryTrapLog : ITrapLog
{
    private readonly ConcurrentDictionary<string, Queue<TrapEvent>> _byDevice = new();

    public bool TryAppend(string deviceId, IReadOnlyList<TrapEvent> traps)
    {
        var kept = _byDevice.GetOrAdd(deviceId, _ => new Queue<TrapEvent>());
        lock (kept)
        {
            foreach (var trap in traps) kept.Enqueue(trap);
            while (kept.Count > DeviceGrain.MaxTraps) kept.Dequeue();
        }
        return true;
    }

    public Task<TrapEvent[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken)
    {
        if (!_byDevice.TryGetValue(deviceId, out var kept)) return Task.FromResult(Array.Empty<TrapEvent>());
        lock (kept)
        {
            var older = kept.Where(t => t.ReceivedAt < before).ToArray();
            return Task.FromResult(older[Math.Max(0, older.Length - count)..]);
        }
    }
}
