using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices;

[GenerateSerializer, Alias("ng.directory-state.v1")]
public sealed class DeviceCatalogState
{
    [Id(0)] public Dictionary<string, DeviceRecord> Devices { get; set; } = new(StringComparer.Ordinal);
}
