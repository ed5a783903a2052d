namespace NetworkGrains.ML.Detectors;

/// <summary>
/// <see cref="RobustRarityDetector"/>'s three steps in about 1 KB, for device grains that run one per series: the
/// surprise is the value's distance from the best of three expectations (the long-run level, the same half hour
/// on recent days, the median of the last three values), each in the robust scale of its own past errors
/// (<see cref="HuberEstimate"/>), the smallest scale winning; its rarity comes from a <see cref="DecayingTail"/>
/// histogram instead of a 30-day window; one alarm per episode as before.
/// </summary>
public sealed class CompactRarityDetector : IStreamingDetector
{
    public const string Name = "ngcompact";
    public const string Description = "the default's steps in about 1 KB a series, for device grains (Huber scales, half-hour profile, histogram tail)";

    private const int Memory = 30 * 288;

    private readonly SlotProfile _profile = new();
    private readonly DecayingTail _rarity = new(Memory);
    private readonly HoldOff _holdOff = new(rows: 100, factor: 0.5, alarm: 0.99);
    private readonly float[] _recent = new float[3];
    private int _recentNext;
    private bool _recentFull;
    private HuberEstimate _values = new(Memory);
    private HuberEstimate _seasonalErrors = new(Memory);
    private HuberEstimate _localErrors = new(Memory);
    private double _previousSurprise;

    public double Score(DateTime timestamp, double value)
    {
        var (surprise, scale) = _values.Count < HuberEstimate.Start ? (0, double.MaxValue) : (_values.Z(value), _values.Scale);
        if (_profile.Expected(timestamp) is { } seasonal) Consider(ref _seasonalErrors, value - seasonal, ref surprise, ref scale);
        if (_recentFull) Consider(ref _localErrors, value - RecentMedian(), ref surprise, ref scale);

        _values.Add(value);
        _profile.Add(timestamp, value);
        _recent[_recentNext] = (float)value;
        _recentNext = (_recentNext + 1) % _recent.Length;
        _recentFull |= _recentNext == 0;
        var smoothed = (surprise + _previousSurprise) / 2;
        _previousSurprise = surprise;
        return _holdOff.Next(_rarity.Next(smoothed));
    }

    /// <summary>Uses this expectation's error if its errors have been smaller than the best so far.</summary>
    private static void Consider(ref HuberEstimate errors, double error, ref double surprise, ref double scale)
    {
        if (errors.Count >= HuberEstimate.Start && errors.Scale < scale) (surprise, scale) = (Math.Abs(error) / errors.Scale, errors.Scale);
        errors.Add(error);
    }

    private double RecentMedian() =>
        Math.Max(Math.Min(_recent[0], _recent[1]), Math.Min(Math.Max(_recent[0], _recent[1]), _recent[2]));
}
