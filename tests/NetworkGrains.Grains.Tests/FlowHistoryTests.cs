using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;

namespace NetworkGrains.Grains.Tests;

public sealed class FlowHistoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static FlowTotals Flows(long n) => new(n, n * 10, n * 1_000, n * 10, n * 1_000);

    [Fact]
    public void Intervals_add_up_per_minute_late_ones_land_in_their_minute_and_the_sum_covers_overlapping_minutes()
    {
        var history = new FlowHistory();
        history.Add(Noon, Flows(1));
        history.Add(Noon.AddSeconds(10), Flows(2));
        history.Add(Noon.AddMinutes(2), Flows(4));
        history.Add(Noon.AddMinutes(1).AddSeconds(30), Flows(8)); // late

        Assert.Equal([3L, 8, 4], history.Minutes.Select(m => m.Totals.Flows));
        Assert.Equal(Flows(15), history.Sum(Noon, Noon.AddMinutes(2)));
        Assert.Equal(Flows(12), history.Sum(Noon.AddMinutes(1).AddSeconds(59), Noon.AddHours(1)));
        Assert.Equal(default, history.Sum(Noon.AddMinutes(3), Noon.AddMinutes(4)));
    }

    [Fact]
    public void Minutes_older_than_the_retention_are_dropped()
    {
        var history = new FlowHistory();
        history.Add(Noon, Flows(1));
        history.Add(Noon + FlowHistory.Retention, Flows(2));
        Assert.Equal(Flows(2), history.Sum(Noon.AddDays(-1), Noon.AddDays(2)));
    }
}
