namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The rule <see cref="DailyRange"/> and <see cref="SlotRange"/> share. From the lowest and highest value seen around
/// this time of day on each earlier day held, each widened by a tenth of that day's range (the same spike again is
/// routine though its height varies a little), the routine values are those that at least half of the days reached
/// both ways: no lower than the half-th lowest low, no higher than the half-th highest high. Fewer than two days: none.
/// </summary>
internal static class RoutineRule
{
    private const int DaysNeeded = 2;
    private const double Margin = 0.1;

    /// <summary>The routine range from each day's low and high (same order); the spans are widened and sorted in place.</summary>
    public static (double Low, double High) Bounds(Span<double> lows, Span<double> highs)
    {
        if (lows.Length < DaysNeeded) return (double.PositiveInfinity, double.NegativeInfinity); // an empty range
        for (var day = 0; day < lows.Length; day++)
        {
            var margin = Margin * (highs[day] - lows[day]);
            (lows[day], highs[day]) = (lows[day] - margin, highs[day] + margin);
        }
        lows.Sort();
        highs.Sort();
        var half = (lows.Length + 1) / 2;
        return (lows[half - 1], highs[^half]);
    }
}
