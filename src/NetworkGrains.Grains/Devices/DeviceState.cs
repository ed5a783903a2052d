using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

[GenerateSerializer, Alias("ng.device-state.v1")]
public sealed class DeviceState
{
    [Id(0)] public DeviceRecord? Record { get; set; }
    [Id(1)] public DeviceWindows Windows { get; set; } = new();

    /// <summary>The newest traps, oldest first; null until the first one (most devices never send any).</summary>
    [Id(2)] public List<TrapEvent>? Traps { get; set; }

    [Id(3)] public PollingProfile? Polling { get; set; }
}
