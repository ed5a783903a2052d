using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Tests;

public sealed class SeriesWindowTests
{
    private const int Hour = 3600;

    [Fact]
    public void Evicts_points_that_fall_out_of_the_window()
    {
        var window = new SeriesWindow();
        for (var t = 0; t <= 120; t += 10) window.Append(1_000_000 + t, t, windowSeconds: 60, maxPoints: 100);

        Assert.Equal(6, window.Count); // 70..120: 60 was exactly one window older than 120
        Assert.Equal(1_000_070, window.FirstSecond);
        Assert.Equal(1_000_120, window.LastSecond);
    }

    [Fact]
    public void Refuses_a_point_older_than_the_newest_and_replaces_one_in_the_same_second()
    {
        var window = new SeriesWindow();
        Assert.True(window.Append(100, 1, Hour, 100));
        Assert.True(window.Append(200, 2, Hour, 100));
        Assert.False(window.Append(150, 3, Hour, 100));
        Assert.True(window.Append(200, 5, Hour, 100));

        Assert.Equal(2, window.Count);
        Assert.Equal(5, window.Last);
        Assert.Equal(3, window.Mean);
    }

    [Fact]
    public void Running_statistics_match_a_recomputation_after_many_evictions()
    {
        var window = new SeriesWindow();
        var random = new Random(7);
        var all = new List<(long Second, double Value)>();
        for (var t = 0; t < 5000; t++)
        {
            var value = Math.Round(random.NextDouble() * 1000, 2);
            window.Append(t * 7, value, windowSeconds: 600, maxPoints: 1000);
            all.Add((t * 7, (float)value));
        }

        var inWindow = all.Where(p => p.Second > all[^1].Second - 600).Select(p => p.Value).ToList();
        var mean = inWindow.Average();
        var variance = inWindow.Sum(v => (v - mean) * (v - mean)) / (inWindow.Count - 1);
        Assert.Equal(inWindow.Count, window.Count);
        Assert.Equal(mean, window.Mean, 6);
        Assert.Equal(variance, window.Variance, 3);
        Assert.Equal(inWindow.Min(), window.Min);
        Assert.Equal(inWindow.Max(), window.Max);
    }

    [Fact]
    public void Min_and_max_follow_the_eviction_of_the_extreme_point()
    {
        var window = new SeriesWindow();
        window.Append(0, 100, 60, 100);
        window.Append(10, 5, 60, 100);
        window.Append(20, 50, 60, 100);
        Assert.Equal(100, window.Max);

        window.Append(61, 20, 60, 100); // evicts the 100 at t=0
        Assert.Equal(50, window.Max);
        Assert.Equal(5, window.Min);
    }

    [Fact]
    public void Keeps_exact_seconds_across_spans_longer_than_the_16_bit_offsets()
    {
        var window = new SeriesWindow();
        const long start = 1_764_000_000;
        for (long t = 0; t <= 48 * Hour; t += 600) window.Append(start + t, t, windowSeconds: 12 * Hour, maxPoints: 1000);

        Assert.Equal(72, window.Count);
        Assert.Equal(start + 48 * Hour, window.LastSecond);
        Assert.Equal(start + 36 * Hour + 600, window.FirstSecond);
        for (var i = 0; i < window.Count; i++) Assert.Equal(window[i].Second - start, window[i].Value);
    }

    [Fact]
    public void A_series_faster_than_the_bound_keeps_the_newest_points()
    {
        var window = new SeriesWindow();
        for (var t = 0; t < 100; t++) window.Append(t, t, Hour, maxPoints: 10);

        Assert.Equal(10, window.Count);
        Assert.Equal(90, window.FirstSecond);
        Assert.Equal(94.5, window.Mean);
    }
}
