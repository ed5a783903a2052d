using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Windows;

public enum CounterStepKind
{
    /// <summary>A rate over the interval since the previous reading.</summary>
    Rate,
    /// <summary>No rate: the counter was reset or the gap is too long; the reading becomes the new baseline.</summary>
    Discontinuity,
    /// <summary>The reading is not newer than the previous one; it is dropped.</summary>
    OutOfOrder,
}

public readonly record struct CounterStep(CounterStepKind Kind, double Rate = 0);

/// <summary>Turns two successive counter readings into a per-second rate.</summary>
public static class CounterRate
{
    private const double Counter32Range = 4294967296d;

    /// <summary>
    /// A Counter32 that went down is taken as one wrap when the wrapped delta is below half its range, and as a
    /// reset otherwise (a reboot restarts counters near zero, which would look like an almost full wrap).
    /// A Counter64 that went down was reset: it cannot wrap in practice.
    /// </summary>
    public static CounterStep Next(
        double previous, long previousTicks, double current, long currentTicks, MetricKind kind, TimeSpan maxGap)
    {
        var elapsedTicks = currentTicks - previousTicks;
        if (elapsedTicks <= 0) return new(CounterStepKind.OutOfOrder);
        if (elapsedTicks > maxGap.Ticks) return new(CounterStepKind.Discontinuity);

        var delta = current - previous;
        if (delta < 0)
        {
            if (kind != MetricKind.Counter32) return new(CounterStepKind.Discontinuity);
            delta += Counter32Range;
            if (delta >= Counter32Range / 2) return new(CounterStepKind.Discontinuity);
        }
        return new(CounterStepKind.Rate, delta / TimeSpan.FromTicks(elapsedTicks).TotalSeconds);
    }
}
