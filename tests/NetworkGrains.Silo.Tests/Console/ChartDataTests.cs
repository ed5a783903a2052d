using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Ui.Views;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class ChartDataTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_short_series_is_drawn_point_by_point()
    {
        var (x, y, low, high) = ChartData.FromRaw([new(From, 1), new(From.AddSeconds(10), 3)], From, From.AddHours(1));

        Assert.Equal([From, From.AddSeconds(10)], x);
        Assert.Equal([1.0, 3.0], y);
        Assert.Null(low);
        Assert.Null(high);
    }

    [Fact]
    public void A_month_of_minutes_is_averaged_into_at_most_720_buckets_keeping_each_buckets_extremes()
    {
        var to = From.AddDays(30);
        var minutes = Enumerable.Range(0, 30 * 1440).Select(i => new RollupPoint(From.AddMinutes(i), i % 60 == 7 ? -5 : 0, i % 60 == 7 ? 50 : 2, 1, 60, 1)).ToArray();

        var (x, y, low, high) = ChartData.FromRollups(minutes, From, to);

        Assert.Equal(720, x.Length);
        Assert.All(y, mean => Assert.Equal(1.0, mean, 9));
        Assert.All(low!, min => Assert.Equal(-5.0, min));
        Assert.All(high!, max => Assert.Equal(50.0, max));
        Assert.Equal(From, x[0]);
        Assert.True(x.Zip(x.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public void The_expected_band_is_the_windows_mean_plus_or_minus_three_sigma()
    {
        Assert.Equal((4.0, 16.0), ChartData.Band(new SeriesSummary("cpu", null, MetricKind.Gauge, 10, 10, 2, 0, 20, 12, From)));
        Assert.Null(ChartData.Band(new SeriesSummary("cpu", null, MetricKind.Gauge, 0, null, null, null, null, null, null)));
    }
}
