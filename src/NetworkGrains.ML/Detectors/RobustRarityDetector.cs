namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The exact form of the default detector (<see cref="CompactRarityDetector"/>), online in three steps:
/// 1. surprise: how far the value lies from what is expected, in robust (MAD) units: from the median of the last 30
///    days or, once two days are known and if it predicts better (smaller typical error), from the usual value at
///    this time of day, so a daily rhythm is not surprising and a break in it is; none at all if the value is routine
///    at this time of day (<see cref="DailyRange"/>: as extreme within an hour of it on half the last seven days);
///    averaged over the last two points;
/// 2. rarity: the share of the last 30 days' surprises that were smaller, by a margin of 10% (<see cref="EmpiricalTail"/>),
///    so every metric, noisy or quiet, is scored on the same scale without assuming a distribution;
/// 3. one alarm per episode (<see cref="HoldOff"/>): after a top-1% score the next 100 points are damped.
/// </summary>
public sealed class RobustRarityDetector : IStreamingDetector
{
    public const string Name = "ngrobust";
    public const string Description = "ngcompact's steps on exact 30-day windows (about 0.5 MB a series)";

    private const int History = 30 * 288; // thirty days at five minutes

    private readonly SortedWindow _values = new(History);
    private readonly SortedWindow _seasonalResiduals = new(History);
    private readonly RollingWindow _lastSurprises = new(2);
    private readonly SeasonalProfile _profile = new();
    private readonly DailyRange _routine = new(days: 7, reach: TimeSpan.FromHours(1));
    private readonly EmpiricalTail _rarity = new(History, tolerance: 0.9);
    private HoldOff _holdOff = new(rows: 100, factor: 0.5, alarm: 0.99);

    public double Score(DateTime timestamp, double value)
    {
        var (surprise, recentScale) = _values.Count < 10 ? (0, 0) : RobustZ(_values, value);
        if (_profile.Expected(timestamp) is { } expected)
        {
            var residual = value - expected;
            if (_seasonalResiduals.Count >= 10 && RobustZ(_seasonalResiduals, residual) is var (seasonal, seasonalScale) && seasonalScale < recentScale)
                surprise = seasonal;
            _seasonalResiduals.Add(residual);
        }
        if (_routine.IsRoutine(timestamp, value)) surprise = 0;
        _routine.Add(timestamp, value);
        _values.Add(value);
        _profile.Add(timestamp, value);
        _lastSurprises.Add(surprise);
        return _holdOff.Next(_rarity.Next(_lastSurprises.Mean));
    }

    /// <summary>|x - median| in MAD units (floored so that a flat series does not divide by zero), and that unit.</summary>
    private static (double Z, double Scale) RobustZ(SortedWindow window, double x)
    {
        var median = window.Median;
        var scale = Math.Max(1.4826 * window.MedianAbsoluteDeviation(), Math.Max(0.1 * window.StandardDeviation, 1e-6 * (1 + Math.Abs(median))));
        return (Math.Abs(x - median) / scale, scale);
    }
}
