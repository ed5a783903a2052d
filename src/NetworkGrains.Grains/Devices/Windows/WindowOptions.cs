namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>Bounds of a device's windows. The defaults keep a 1 h window of any series.</summary>
public sealed record WindowOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>New series beyond this are refused, so one bad sender cannot grow a device without bound.</summary>
    public int MaxSeriesPerDevice { get; init; } = 2_000;

    /// <summary>A series receiving faster than the window can hold at this size keeps the newest points.</summary>
    public int MaxPointsPerSeries { get; init; } = 3_600;

    /// <summary>Readings stamped further ahead of the silo's clock than this are refused.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);

    public int WindowSeconds => (int)Window.TotalSeconds;
}
