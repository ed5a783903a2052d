using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>
/// One series of a device: its window, plus what counters and rollup write-behind need to remember. It extends
/// the window rather than holding one: a silo keeps millions of series, and every object costs.
/// </summary>
[GenerateSerializer, Alias("ng.series.v2")]
public sealed class Series(MetricKind kind) : SeriesWindow
{
    [Id(0)] public MetricKind Kind { get; private set; } = kind;
    [Id(1)] private double _lastCounterValue;
    [Id(2)] private long _lastCounterTicks;

    /// <summary>
    /// Minutes up to and including this one (Unix minutes) are in durable rollup storage, or in the device's backlog
    /// on their way there. None of the window's points after it has been evicted.
    /// </summary>
    [Id(3)] public long RollupsWrittenThrough { get; set; } = long.MinValue;

    public bool HasCounterBaseline => _lastCounterTicks != 0;

    public CounterStep AdvanceCounter(double value, long ticks, TimeSpan maxGap)
    {
        if (!HasCounterBaseline)
        {
            SetCounterBaseline(value, ticks);
            return new(CounterStepKind.Discontinuity);
        }
        var step = CounterRate.Next(_lastCounterValue, _lastCounterTicks, value, ticks, Kind, maxGap);
        if (step.Kind != CounterStepKind.OutOfOrder) SetCounterBaseline(value, ticks);
        return step;
    }

    public void ForgetCounterBaseline() => _lastCounterTicks = 0;

    private void SetCounterBaseline(double value, long ticks) => (_lastCounterValue, _lastCounterTicks) = (value, ticks);
}
