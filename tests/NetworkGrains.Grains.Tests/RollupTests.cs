using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Tests;

public sealed class RollupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static DeviceWindows WithReadings(params (double Seconds, double Value)[] points)
    {
        var windows = new DeviceWindows();
        windows.Ingest(points.Select(p => new Reading("cpu", null, T0.AddSeconds(p.Seconds), p.Value, MetricKind.Gauge)).ToArray(),
            new WindowOptions(), T0.AddHours(1));
        return windows;
    }

    [Fact]
    public void Minutes_have_min_max_mean_count_and_last()
    {
        var windows = WithReadings((0, 4), (20, 1), (40, 7), (60, 10), (130, 3));
        var rollups = MinuteRollups.Compute(windows.Find("cpu", null)!, long.MinValue, long.MaxValue).Select(r => r.Rollup).ToList();

        Assert.Equal(
        [
            new RollupPoint(T0, 1, 7, 4, 3, 7),
            new RollupPoint(T0.AddMinutes(1), 10, 10, 10, 1, 10),
            new RollupPoint(T0.AddMinutes(2), 3, 3, 3, 1, 3),
        ], rollups);
    }

    [Fact]
    public void Only_closed_minutes_are_written_and_each_only_once()
    {
        var windows = WithReadings((0, 1), (30, 2), (65, 3));
        var now = T0.AddSeconds(70);

        var first = PendingRollups.Collect("r1", windows, now, includeOpenMinutes: false);
        Assert.Equal([T0], first.Rows.Select(r => r.Minute));
        Assert.True(first.MarkWritten());

        var again = PendingRollups.Collect("r1", windows, now, includeOpenMinutes: false);
        Assert.Empty(again.Rows);
    }

    [Fact]
    public void The_wall_clock_closes_a_minute_that_no_later_point_closed()
    {
        var windows = WithReadings((0, 1), (30, 2));
        var pending = PendingRollups.Collect("r1", windows, T0.AddMinutes(2).AddSeconds(1), includeOpenMinutes: false);
        Assert.Equal([T0], pending.Rows.Select(r => r.Minute));
    }

    [Fact]
    public void A_final_flush_writes_the_open_minute_without_marking_it_written()
    {
        var windows = WithReadings((0, 1), (65, 3));
        var final = PendingRollups.Collect("r1", windows, T0.AddSeconds(70), includeOpenMinutes: true);
        Assert.Equal([T0, T0.AddMinutes(1)], final.Rows.Select(r => r.Minute));
        final.MarkWritten();

        var later = PendingRollups.Collect("r1", windows, T0.AddMinutes(5), includeOpenMinutes: false);
        Assert.Equal([T0.AddMinutes(1)], later.Rows.Select(r => r.Minute));
    }
}
