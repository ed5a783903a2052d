using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>One series of a device: its window plus what counters and rollup write-behind need to remember.</summary>
[GenerateSerializer, Alias("ng.series.v1")]
public sealed class Series(MetricKind kind)
{
    [Id(0)] public MetricKind Kind { get; private set; } = kind;
    [Id(1)] public SeriesWindow Window { get; private set; } = new();
    [Id(2)] private double _lastCounterValue;
    [Id(3)] private long _lastCounterTicks;

    /// <summary>Minutes up to and including this one (Unix minutes) are in durable rollup storage.</summary>
    [Id(4)] public long RollupsWrittenThrough { get; set; } = long.MinValue;

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
