using Microsoft.Extensions.Logging;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// Saved detector state of another format (an older one, or another default detector's) starts afresh; the log
/// says so once per silo (<see cref="Shared"/>), not once per series or device: after an upgrade every device finds some.
/// </summary>
public sealed partial class OlderSnapshots
{
    public static OlderSnapshots Shared { get; } = new();

    private int _logged;

    public void Found(ILogger logger, string deviceId, string savedFormat)
    {
        if (Interlocked.Exchange(ref _logged, 1) == 0) LogStartingAfresh(logger, deviceId, savedFormat, DefaultDetector.Format);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} has detector state saved in another format ({SavedFormat}; this silo's is {CurrentFormat}): " +
        "its series, and those of every device saved so, start learning afresh (logged once per silo)")]
    private static partial void LogStartingAfresh(ILogger logger, string deviceId, string savedFormat, string currentFormat);
}
