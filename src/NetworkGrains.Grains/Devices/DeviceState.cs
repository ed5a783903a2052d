using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

[GenerateSerializer, Alias("ng.device-state.v1")]
public sealed class DeviceState
{
    [Id(0)] public DeviceRecord? Record { get; set; }
    [Id(1)] public DeviceWindows Windows { get; set; } = new();

    // Id 2 held the newest traps until they moved to the trap log; do not reuse it.

    [Id(3)] public PollingProfile? Polling { get; set; }

    /// <summary>Per-minute totals of the flows this device exported; null unless it exports flows.</summary>
    [Id(4)] public FlowHistory? Flows { get; set; }

    /// <summary>What each series' detector has learnt (<see cref="Detection.SeriesDetectors"/>); filled only while the state is written.</summary>
    [Id(5)] public Dictionary<SeriesKey, byte[]>? Detectors { get; set; }

    /// <summary>The open anomaly of each series ("metric|instance") or event ("linkDown|ifIndex"), by anomaly id.</summary>
    [Id(6)] public Dictionary<string, string> OpenAnomalies { get; set; } = [];

    /// <summary>The newest verdicts of the device's detectors, oldest first (<see cref="Detection.SeriesDetectors.Verdicts"/>); filled only while the state is written.</summary>
    [Id(7)] public DetectorVerdict[]? Verdicts { get; set; }
}
