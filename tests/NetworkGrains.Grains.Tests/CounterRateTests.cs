using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Tests;

public sealed class CounterRateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly long Minute = TimeSpan.FromMinutes(1).Ticks;

    [Fact]
    public void Rate_is_the_delta_per_second()
    {
        var step = CounterRate.Next(1_000, 0, 7_000, Minute, MetricKind.Counter64, Window);
        Assert.Equal(new CounterStep(CounterStepKind.Rate, 100), step);
    }

    [Fact]
    public void Counter32_wraps_once()
    {
        var step = CounterRate.Next(uint.MaxValue - 999d, 0, 5_000, Minute, MetricKind.Counter32, Window);
        Assert.Equal(CounterStepKind.Rate, step.Kind);
        Assert.Equal(6_000d / 60, step.Rate, 9);
    }

    [Fact]
    public void Counter32_that_drops_to_near_zero_was_reset_not_wrapped()
    {
        var step = CounterRate.Next(100_000, 0, 50, Minute, MetricKind.Counter32, Window);
        Assert.Equal(CounterStepKind.Discontinuity, step.Kind);
    }

    [Fact]
    public void Counter64_that_goes_down_was_reset()
    {
        var step = CounterRate.Next(10_000_000_000, 0, 12, Minute, MetricKind.Counter64, Window);
        Assert.Equal(CounterStepKind.Discontinuity, step.Kind);
    }

    [Fact]
    public void A_gap_longer_than_the_window_gives_no_rate()
    {
        var step = CounterRate.Next(0, 0, 1_000, Window.Ticks + 1, MetricKind.Counter64, Window);
        Assert.Equal(CounterStepKind.Discontinuity, step.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_reading_not_newer_than_the_previous_is_out_of_order(long elapsedTicks)
    {
        var step = CounterRate.Next(0, Minute, 1_000, Minute + elapsedTicks, MetricKind.Counter64, Window);
        Assert.Equal(CounterStepKind.OutOfOrder, step.Kind);
    }
}
