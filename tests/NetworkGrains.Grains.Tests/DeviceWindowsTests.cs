using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Tests;

public sealed class DeviceWindowsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly WindowOptions Options = new();

    private static Reading Octets(int minute, double value, MetricKind kind = MetricKind.Counter64) =>
        new("ifHCInOctets", "1", T0.AddMinutes(minute), value, kind);

    private static Reading UpTime(int minute, double ticks) => new(DeviceWindows.SysUpTimeMetric, null, T0.AddMinutes(minute), ticks, MetricKind.Gauge);

    [Fact]
    public void A_counter_becomes_a_rate_from_its_second_reading()
    {
        var windows = new DeviceWindows();
        var first = windows.Ingest([Octets(0, 1_000)], Options, T0.AddHours(1));
        var second = windows.Ingest([Octets(1, 61_000)], Options, T0.AddHours(1));

        Assert.Equal(new IngestResult(0, 0, 0, 1), first);
        Assert.Equal(new IngestResult(1, 0, 0, 0), second);
        Assert.Equal(1_000, windows.Find("ifHCInOctets", "1")!.Last);
    }

    [Fact]
    public void SysUpTime_going_back_resets_every_counter_instead_of_reporting_a_spike()
    {
        var windows = new DeviceWindows();
        windows.Ingest([UpTime(0, 500_000), Octets(0, 9_000_000)], Options, T0.AddHours(1));
        windows.Ingest([UpTime(1, 506_000), Octets(1, 9_600_000)], Options, T0.AddHours(1));
        // After a reboot the counter restarted from zero and has already climbed past its old value: only the
        // sysUpTime that went back shows that the delta is not traffic.
        var afterReboot = windows.Ingest([UpTime(2, 3_000), Octets(2, 9_900_000)], Options, T0.AddHours(1));
        var next = windows.Ingest([UpTime(3, 9_000), Octets(3, 9_960_000)], Options, T0.AddHours(1));

        Assert.Equal(1, afterReboot.Discontinuities);
        Assert.Equal(new IngestResult(Accepted: 2, 0, 0, 0), next);
        var rates = windows.Find("ifHCInOctets", "1")!;
        Assert.Equal(2, rates.Count);
        Assert.Equal(10_000, rates[0].Value);
        Assert.Equal(1_000, rates[1].Value);
    }

    [Fact]
    public void Invalid_readings_are_counted_and_not_stored()
    {
        var windows = new DeviceWindows();
        var result = windows.Ingest(
        [
            new("cpu", null, T0, double.NaN, MetricKind.Gauge),
            new("cpu", null, T0, double.PositiveInfinity, MetricKind.Gauge),
            new("cpu", null, T0, 1e300, MetricKind.Gauge),                  // finite, but not as a float
            new("cpu", null, T0.AddHours(2), 1, MetricKind.Gauge),          // far in the future
            new("bad metric", null, T0, 1, MetricKind.Gauge),
            new("", null, T0, 1, MetricKind.Gauge),
            new("c32", null, T0, -1, MetricKind.Counter32),
            new("c32", null, T0, 5e9, MetricKind.Counter32),
            new("cpu", "x\n", T0, 1, MetricKind.Gauge),
            new("cpu", null, T0, 42, MetricKind.Gauge),
        ], Options, T0);

        Assert.Equal(new IngestResult(1, 0, 9, 0), result);
        Assert.Equal(1, windows.SeriesCount);
    }

    [Fact]
    public void A_series_keeps_its_kind_and_the_number_of_series_is_bounded()
    {
        var windows = new DeviceWindows();
        var options = Options with { MaxSeriesPerDevice = 3 };
        var readings = Enumerable.Range(0, 5).Select(i => new Reading("m", i.ToString(), T0, 1, MetricKind.Gauge)).ToArray();
        Assert.Equal(3, windows.Ingest(readings, options, T0).Accepted);

        var changedKind = windows.Ingest([new Reading("m", "0", T0.AddMinutes(1), 1, MetricKind.Counter64)], options, T0.AddMinutes(1));
        Assert.Equal(1, changedKind.Invalid);
        Assert.Equal(3, windows.SeriesCount);
    }

    [Fact]
    public void Out_of_order_readings_are_counted()
    {
        var windows = new DeviceWindows();
        windows.Ingest([new Reading("cpu", null, T0.AddMinutes(5), 1, MetricKind.Gauge), Octets(5, 100), Octets(6, 200)], Options, T0.AddHours(1));
        var late = windows.Ingest([new Reading("cpu", null, T0, 2, MetricKind.Gauge), Octets(4, 50)], Options, T0.AddHours(1));
        Assert.Equal(2, late.OutOfOrder);
    }
}
