using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

/// <summary>Configuration section "Devices".</summary>
public sealed class DeviceOptions
{
    public const string Section = "Devices";

    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);
    [Range(1, 1_000_000)]
    public int MaxSeriesPerDevice { get; set; } = 2_000;
    [Range(2, 1_000_000)]
    public int MaxPointsPerSeries { get; set; } = 3_600;
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most rollup rows a device holds for minutes that left its window before a flush wrote them (a backfill older
    /// than the window): about 100 bytes each. Past half of it, a device writes them before it takes the next batch;
    /// once full, the readings of further leaving minutes are refused and counted (not kept: rollup_backlog_full).
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxQueuedRollups { get; set; } = 20_000;

    /// <summary>Run the default detector (ngcompact) on every series.</summary>
    public bool Detection { get; set; } = true;

    /// <summary>
    /// The score at which a point is a verdict. Scores are rarities against the series' own last 30 days, so 0.999
    /// means rarer than 999 in 1000 of its surprises; the detector also damps the 100 points after an alarm.
    /// </summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double DetectorThreshold { get; set; } = 0.999;

    /// <summary>A registry model every device scores its latest values with, once per <see cref="MultivariateInterval"/> of data (null: none).</summary>
    public string? MultivariateModel { get; set; }

    /// <summary>
    /// How much data passes between two scorings by <see cref="MultivariateModel"/>. A threat model on flows
    /// aggregated every few seconds may want less than the minute, at the price of more inference calls.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MultivariateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A polled device keeps a reminder of this period: after a restart the reminder reactivates it, and with it
    /// its polling. It bounds how long polling pauses after a crash (Orleans' minimum reminder period is 1 min).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollingKeepAlive { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Write state when the silo shuts down. Off for in-memory storage, which shuts down with the silo: the
    /// write could only fail.
    /// </summary>
    public bool FlushOnShutdown { get; set; } = true;

    /// <summary>
    /// Write state at every flush interval. Off for in-memory storage: it lives and dies with the silo, so a write
    /// there buys nothing that the write at deactivation does not, and serializing every device's windows and
    /// detectors every interval was most of the polling benchmark's CPU (with the garbage collection it caused).
    /// </summary>
    public bool WriteStateOnTimer { get; set; } = true;

    /// <summary>
    /// Keep the readings accepted since the last state write, to replay them onto the stored state when another
    /// activation of the device wrote it meanwhile: a stopping silo's devices are activated elsewhere while its own
    /// activations still write their final state. Off for in-memory storage, where one silo holds every device.
    /// </summary>
    public bool ReplayOnConflict { get; set; } = true;

    public WindowOptions ToWindowOptions()
    {
        if (Window <= TimeSpan.Zero || Window.TotalSeconds > SeriesWindow.MaxWindowSeconds)
            throw new InvalidOperationException($"Devices:Window must be between 1 s and {SeriesWindow.MaxWindowSeconds} s.");
        return new WindowOptions
        {
            Window = Window,
            MaxSeriesPerDevice = MaxSeriesPerDevice,
            MaxPointsPerSeries = MaxPointsPerSeries,
            MaxFutureSkew = MaxFutureSkew,
        };
    }
}

public static class DeviceServiceCollectionExtensions
{
    /// <summary>The window bounds every device grain shares, validated once from <see cref="DeviceOptions"/>.</summary>
    public static IServiceCollection AddDeviceWindows(this IServiceCollection services) =>
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeviceOptions>>().Value.ToWindowOptions());
}
