using Orleans.Concurrency;

namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// The inventory: one per cluster, key 0 (<see cref="DeviceCatalog.Key"/>). Reads interleave with each other and
/// with a registration's awaits: they always see a consistent index.
/// </summary>
[Alias("ng.device-directory")]
public interface IDeviceCatalogGrain : IGrainWithIntegerKey
{
    [Alias("register")]
    Task<RegisterOutcome> Register(DeviceRecord record);

    /// <summary>Registers many devices with one state write; returns how many were refused for a duplicate address.</summary>
    [Alias("register-many")]
    Task<int> RegisterMany(DeviceRecord[] records);

    [Alias("get"), AlwaysInterleave]
    Task<DeviceRecord?> Get(string deviceId);

    [Alias("list"), AlwaysInterleave]
    Task<DevicePage> List(DeviceQuery query);

    [Alias("find-by-address"), AlwaysInterleave]
    Task<string?> FindByAddress(string managementAddress);

    /// <summary>The device a syslog hostname names: its id, its name (any case, or the first label of a domain name) or its management address; null if none.</summary>
    [Alias("find-by-host-name"), AlwaysInterleave]
    Task<string?> FindByHostName(string hostName);

    /// <summary>
    /// Maps a packet's source address to a device id. Unknown sources are registered as <c>unknown-&lt;ip&gt;</c>
    /// or refused (null), as the inventory options say.
    /// </summary>
    [Alias("resolve-source")]
    Task<string?> ResolveSource(string sourceAddress);

    /// <summary>Takes the device out of the inventory (its address is free again); false when it was not there.</summary>
    [Alias("remove")]
    Task<bool> Remove(string deviceId);
}

public static class DeviceCatalog
{
    public const long Key = 0;
}
