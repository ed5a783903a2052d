using System.Collections.Concurrent;
using System.Net;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// Maps a packet's source address to a device through the directory, remembering answers for a few minutes so
/// that listeners do not call the directory per packet. Null: the inventory refuses the source.
/// </summary>
public sealed class DeviceResolver(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<IPAddress, (string? DeviceId, DateTimeOffset Expires)> _cache = new();

    public async ValueTask<string?> ResolveAsync(IPAddress source)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(source, out var entry) && entry.Expires > now) return entry.DeviceId;
        var deviceId = await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).ResolveSource(source.ToString());
        if (_cache.Count >= MaxEntries) _cache.Clear();
        _cache[source] = (deviceId, now + Lifetime);
        return deviceId;
    }
}
