namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The default detector. Two stages, both online:
/// 1. surprise: how far the value and its change from the previous value lie from the median of the recent ones,
///    in robust (MAD) units, squashed to [0, 1);
/// 2. likelihood: how unusual the last few surprises are against the long-run distribution of surprises (a
///    normal tail, reported on a log scale). A noisy metric thus needs a bigger surprise than a quiet one, and a
///    single outlier in a burst of noise scores less than a sustained change.
/// </summary>
public sealed class RobustLikelihoodDetector : IStreamingDetector
{
    public const string Name = "ngrobust";
    public const string Description = "default: robust surprise of value and change, scored by its long-run likelihood";

    private const int RecentValues = 288;       // one day at five minutes
    private const int SurpriseHistory = 2_880;  // ten days at five minutes
    private const int ShortTerm = 6;
    private const int LearningPoints = 300;

    private readonly RollingWindow _values = new(RecentValues);
    private readonly RollingWindow _changes = new(RecentValues);
    private readonly RollingWindow _surprises = new(SurpriseHistory);
    private readonly RollingWindow _recentSurprises = new(ShortTerm);
    private readonly double[] _scratch = new double[RecentValues];
    private double? _previous;
    private int _seen;

    public double Score(DateTime timestamp, double value)
    {
        var change = _previous is { } previous ? value - previous : 0;
        var surprise = _values.Count < 10 ? 0 : Math.Max(Surprise(_values, value), Surprise(_changes, change));
        _values.Add(value);
        if (_previous is not null) _changes.Add(change);
        _previous = value;

        _recentSurprises.Add(surprise);
        var (mean, deviation) = (_surprises.Mean, Math.Max(_surprises.StandardDeviation, 1e-4));
        _surprises.Add(surprise);
        if (++_seen < LearningPoints) return 0;

        var tail = NormalTail.Probability((_recentSurprises.Mean - mean) / deviation);
        return Math.Log(tail + 1e-10) / Math.Log(1e-10);
    }

    /// <summary>|x - median| in MAD units (floored so a flat series does not divide by zero), squashed to [0, 1).</summary>
    private double Surprise(RollingWindow window, double x)
    {
        var values = _scratch.AsSpan(0, window.Count);
        window.Values.CopyTo(values);
        var median = Median(values);
        for (var i = 0; i < values.Length; i++) values[i] = Math.Abs(values[i] - median);
        var mad = Median(values);
        var scale = Math.Max(1.4826 * mad, Math.Max(0.1 * window.StandardDeviation, 1e-6 * (1 + Math.Abs(median))));
        var z = Math.Abs(x - median) / scale;
        return z / (z + 3);
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
