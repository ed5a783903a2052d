using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// Device records as a rule grain sees them, each kept for <see cref="Lifetime"/>: a burst of anomalies on one device
/// asks its grain once, and a changed site or role reaches the rule within that time. Not thread-safe: one grain's.
/// </summary>
public sealed class DeviceRecordCache(Func<string, Task<DeviceRecord?>> read, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;
    private readonly Dictionary<string, (DeviceRecord? Record, DateTimeOffset ReadAt)> _records = new(StringComparer.Ordinal);

    public async Task<DeviceRecord?> Get(string deviceId)
    {
        var now = clock.GetUtcNow();
        if (_records.TryGetValue(deviceId, out var cached) && now - cached.ReadAt < Lifetime) return cached.Record;
        var record = await read(deviceId);
        if (_records.Count >= MaxEntries) _records.Clear();
        _records[deviceId] = (record, now);
        return record;
    }
}
