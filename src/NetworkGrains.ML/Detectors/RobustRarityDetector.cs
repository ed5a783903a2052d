namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The default detector, online in three steps:
/// 1. surprise: how far the value lies from what is expected, in robust (MAD) units: from the median of the recent
///    values or, once two days are known and if it predicts better (smaller typical error), from the usual value at
///    this time of day, so a daily rhythm is not surprising and a break in it is; averaged over the last two points;
/// 2. rarity: the share of the last 30 days' surprises that were smaller (<see cref="EmpiricalTail"/>), so every
///    metric, noisy or quiet, is scored on the same scale without assuming a distribution;
/// 3. one alarm per episode (<see cref="HoldOff"/>): after a top-1% score the next 100 points are damped.
/// </summary>
public sealed class RobustRarityDetector : IStreamingDetector
{
    public const string Name = "ngrobust";
    public const string Description = "default: rarity of the robust surprise against recent and time-of-day values, one alarm per episode";

    private const int RecentValues = 288; // one day at five minutes

    private readonly RollingWindow _values = new(RecentValues);
    private readonly RollingWindow _seasonalResiduals = new(RecentValues);
    private readonly RollingWindow _lastSurprises = new(2);
    private readonly SeasonalProfile _profile = new();
    private readonly EmpiricalTail _rarity = new(history: 30 * RecentValues);
    private readonly HoldOff _holdOff = new(rows: 100, factor: 0.5, alarm: 0.99);
    private readonly double[] _scratch = new double[RecentValues];

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
        _values.Add(value);
        _profile.Add(timestamp, value);
        _lastSurprises.Add(surprise);
        return _holdOff.Next(_rarity.Next(_lastSurprises.Mean));
    }

    /// <summary>|x - median| in MAD units (floored so that a flat series does not divide by zero), and that unit.</summary>
    private (double Z, double Scale) RobustZ(RollingWindow window, double x)
    {
        var values = _scratch.AsSpan(0, window.Count);
        window.Values.CopyTo(values);
        var median = Median(values);
        for (var i = 0; i < values.Length; i++) values[i] = Math.Abs(values[i] - median);
        var mad = Median(values);
        var scale = Math.Max(1.4826 * mad, Math.Max(0.1 * window.StandardDeviation, 1e-6 * (1 + Math.Abs(median))));
        return (Math.Abs(x - median) / scale, scale);
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
