using System.Collections.Concurrent;
using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// The device a message is from: from a relay (<see cref="SyslogRelays"/>, such as an rsyslogd forwarding for many
/// devices), the one its hostname names in the inventory; else, and when the hostname names none, the one its source
/// address is (with Inventory:UnknownSources, as for traps). Answers are remembered for a few minutes, so the
/// directory is not asked per message.
/// </summary>
public sealed class SyslogDevices(DeviceResolver addresses, SyslogRelays relays, IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (string? DeviceId, DateTimeOffset Expires)> _byHostName = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<string?> ResolveAsync(IPAddress source, string? hostName)
    {
        if (NamingHostName(source, hostName) is { } naming && await ByHostNameAsync(naming) is { } named) return named;
        return await addresses.ResolveAsync(source);
    }

    /// <summary>The message's hostname when it may name the device (from a relay), else null: the source address decides.</summary>
    public string? NamingHostName(IPAddress source, string? hostName) => hostName is not null && relays.Trusts(source) ? hostName : null;

    private async ValueTask<string?> ByHostNameAsync(string hostName)
    {
        var now = clock.GetUtcNow();
        if (_byHostName.TryGetValue(hostName, out var entry) && entry.Expires > now) return entry.DeviceId;
        var deviceId = await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).FindByHostName(hostName);
        if (_byHostName.Count >= MaxEntries) _byHostName.Clear();
        _byHostName[hostName] = (deviceId, now + Lifetime);
        return deviceId;
    }
}
