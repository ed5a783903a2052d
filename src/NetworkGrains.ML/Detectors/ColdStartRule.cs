namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Cold start: a value is extreme when it lies at least <see cref="Deviations"/> robust deviations,
/// |x - median| / (1.4826 MAD), from the series' median and beyond every value the series has had (where it has
/// been, it is not extreme again: one alarm per new extreme, and a cycle's second turn is no surprise). It judges
/// from the series' <see cref="MinimumPoints"/>th point on, or from its first when a <see cref="PeerPrior"/> (the
/// same metric on the device's peers) was seeded. The median and MAD are exact over the first 32 points, then
/// tracked (<see cref="MedianTracker"/>, by at least 5% of a MAD a point), so the rule keeps a few numbers and
/// follows a series that moves slowly (a daily cycle) rather than judging the afternoon by the first night. It learns
/// at most a point a minute (<see cref="LearnEvery"/>): 10-second polls of traffic that changes by the minute repeat
/// each other, and 30 of them would be 5 minutes' variability taken for the series'.
/// The scale has a floor, so that a flat series does not alarm on its first small move: half the series' step,
/// and 1% of the median. The step is 1 while every point has been a whole number (counts, percentages, a counter's
/// rate that is 0 most of the time: +1, or one error in a poll, is then at most 2 deviations), otherwise the
/// smallest change seen between two successive points.
/// </summary>
public sealed class ColdStartRule
{
    public const string Name = "coldstart";
    public const int MinimumPoints = 30;
    public const double Deviations = 8;
    private const double RelativeFloor = 0.01;
    private const double TrackingRate = 0.05;
    public static readonly TimeSpan LearnEvery = TimeSpan.FromMinutes(1);

    private MedianTracker _values = new(TrackingRate, memory: 30 * 288);
    private double _lowest = double.PositiveInfinity, _highest = double.NegativeInfinity;
    private bool _wholeNumbers = true;
    private double _smallestStep = double.PositiveInfinity;
    private double _previous = double.NaN;
    private long _nextLearning = long.MinValue; // ticks
    private PeerPrior? _prior;

    /// <summary>The points learnt (at most one a minute).</summary>
    public int Count => _values.Count;

    /// <summary>Whether it judges values yet: <see cref="MinimumPoints"/> points seen, or a prior seeded.</summary>
    public bool IsReady => OwnIsReady || _prior is not null;

    public bool HasPrior => _prior is not null;

    /// <summary>The median values are compared with: the series' own once it is ready on its own, else its peers'.</summary>
    public double Median => OwnIsReady || _prior is not { } prior ? _values.Median : prior.Median;

    /// <summary>One robust deviation: 1.4826 MAD (the series' own, or the larger of its peers' and its own so far), floored (see the class).</summary>
    public double Scale
    {
        get
        {
            var scale = OwnIsReady || _prior is not { } prior ? _values.Scale : Math.Max(prior.Scale, _values.Count > 0 ? _values.Scale : 0);
            var step = _wholeNumbers ? 1 : double.IsFinite(_smallestStep) ? _smallestStep : 0;
            return Math.Max(scale, Math.Max(0.5 * step, RelativeFloor * Math.Abs(Median)));
        }
    }

    /// <summary>The values that are not extreme: the median give or take <see cref="Deviations"/> scales.</summary>
    public (double Low, double High) Band => (Median - Deviations * Scale, Median + Deviations * Scale);

    /// <summary>How many robust deviations <paramref name="value"/> lies from the median (0 until the rule is ready).</summary>
    public double Deviation(double value) => IsReady && double.IsFinite(value) ? Math.Abs(value - Median) / Scale : 0;

    /// <summary>
    /// 0 unless the value is extreme; then <paramref name="alarm"/>^((8 / deviations)^2): the alarm at 8 deviations,
    /// nearer 1 the further out (with the verdict threshold 0.999: 0.9999 from 25 deviations, 0.99999 from 80).
    /// </summary>
    public double Score(double value, double alarm)
    {
        var deviation = Deviation(value);
        if (deviation < Deviations || (value >= _lowest && value <= _highest)) return 0;
        return Math.Pow(alarm, Math.Pow(Deviations / deviation, 2));
    }

    /// <summary>
    /// Takes a point in: its range and step always, its median and scale when a minute has passed since the last
    /// point they learnt. A NaN or an infinity is no measurement and leaves the rule as it was.
    /// </summary>
    public void Add(DateTime timestamp, double value)
    {
        if (!double.IsFinite(value)) return;
        _wholeNumbers &= double.IsInteger(value);
        var step = Math.Abs(value - _previous);
        if (step > 0 && step < _smallestStep) _smallestStep = step;
        (_previous, _lowest, _highest) = (value, Math.Min(_lowest, value), Math.Max(_highest, value));
        if (timestamp.Ticks < _nextLearning) return;
        _nextLearning = timestamp.Ticks + LearnEvery.Ticks;
        _values.Add(value);
    }

    /// <summary>Starts a young series from its peers' summary; ignored once the series is ready on its own or has one.</summary>
    public void Seed(PeerPrior prior)
    {
        if (IsReady || !double.IsFinite(prior.Median) || !double.IsFinite(prior.Scale) || prior.Scale <= 0) return;
        _prior = prior;
    }

    /// <summary>
    /// The series' own median and scale for its peers, once it has learnt <paramref name="points"/> points. While its
    /// exact start is on, the scale is at least a quarter of the range it has seen: the MAD of a handful of points
    /// understates the series' (three or four points' MAD is about half of it), and pooling peers' does not undo that.
    /// </summary>
    public PeerPrior? Summary(int points) => _values.Count < points ? null
        : new PeerPrior(_values.Median, _values.Count < MedianTracker.Start ? Math.Max(_values.Scale, (_highest - _lowest) / 4) : _values.Scale);

    private bool OwnIsReady => _values.Count >= MinimumPoints;

    public void Write(BinaryWriter writer)
    {
        _values.Write(writer);
        foreach (var value in (ReadOnlySpan<double>)[_lowest, _highest, _smallestStep, _previous]) writer.Write(value);
        writer.Write(_nextLearning);
        writer.Write(_wholeNumbers);
        writer.Write(_prior is not null);
        if (_prior is not { } prior) return;
        writer.Write(prior.Median);
        writer.Write(prior.Scale);
    }

    public void Read(BinaryReader reader)
    {
        _values.Read(reader);
        (_lowest, _highest, _smallestStep, _previous) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        _nextLearning = reader.ReadInt64();
        _wholeNumbers = reader.ReadBoolean();
        _prior = reader.ReadBoolean() ? new PeerPrior(reader.ReadDouble(), reader.ReadDouble()) : null;
    }
}
