using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Device grain references for the listeners, made once per device: Orleans' GetGrain reads the interface's
/// attributes on every call, which the syslog, trap and flow paths did per delivered batch.
/// </summary>
public sealed class DeviceGrainReferences(IGrainFactory grains)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, IDeviceGrain> _byId = new(StringComparer.Ordinal);

    public IDeviceGrain For(string deviceId)
    {
        if (_byId.TryGetValue(deviceId, out var device)) return device;
        if (_byId.Count >= MaxEntries) _byId.Clear();
        return _byId[deviceId] = grains.GetGrain<IDeviceGrain>(deviceId);
    }
}
