namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Streaming median and median absolute deviation (MAD) in a few numbers: exact over the first <see cref="Start"/>
/// points, then each point nudges the median towards itself, and the MAD towards the point's distance from the
/// median, by a share of the MAD: 2/n at first, as fast as the sample median itself settles (Robbins-Monro; the best
/// gain for normal data is 1.86 MADs / n), and never less than <c>rate</c>, so that it keeps following a series that
/// moves. An outlier moves them no more than any other point does, so, like a long sorted window's, they stay where
/// most points are. (Begun from 8 points with the fixed rate at once, they took thousands of points to settle: NAB 70
/// instead of 73.) The standard deviation (weighted 1/n up to <c>memory</c> points, then exponentially) floors the
/// scale of a series that is mostly one value.
/// </summary>
public struct MedianTracker(double rate, int memory)
{
    public const int Start = 32;
    private const double EarlyGain = 2;

    private int _count;
    private double _median;
    private double _mad;
    private double _mean;
    private double _variance;
    private double[]? _first; // the points so far, sorted, while they are fewer than Start (made at the first: a seasonal tracker waits days for it)

    public readonly int Count => _count;

    public readonly double Median => _median;

    /// <summary>The robust scale (1.4826 MAD), floored at a tenth of the standard deviation and relative to the median.</summary>
    public readonly double Scale => Math.Max(1.4826 * _mad, Math.Max(0.1 * Math.Sqrt(Math.Max(_variance, 0)), 1e-6 * (1 + Math.Abs(_median))));

    /// <summary>|x - median| in scales.</summary>
    public readonly double Z(double x) => Math.Abs(x - _median) / Scale;

    /// <summary>Learns a point; a NaN or an infinity is no measurement and leaves the tracker as it was.</summary>
    public void Add(double x)
    {
        if (!double.IsFinite(x)) return;
        _count++;
        var weight = 1.0 / Math.Min(_count, memory);
        var difference = x - _mean;
        _mean += weight * difference;
        _variance += weight * (difference * (x - _mean) - _variance);

        if (_count <= Start)
        {
            _first ??= new double[Start];
            var at = _count - 1;
            for (; at > 0 && _first[at - 1] > x; at--) _first[at] = _first[at - 1];
            _first[at] = x;
            (_median, _mad) = ExactMedianAndMad(_first.AsSpan(0, _count));
            if (_count == Start) _first = null;
            return;
        }

        var step = Math.Max(rate, EarlyGain / _count) * Math.Max(_mad, 1e-3 * Math.Sqrt(Math.Max(_variance, 0)) + 1e-9);
        _median += step * Math.Sign(x - _median);
        _mad = Math.Max(0, _mad + (Math.Abs(x - _median) > _mad ? step : -step));
    }

    /// <summary>
    /// The median of sorted points, and their MAD: the distances of the points below the middle (walking down) and of
    /// those from the middle up are each sorted already, so merging the two runs meets the middle distances in order.
    /// </summary>
    internal static (double Median, double Mad) ExactMedianAndMad(ReadOnlySpan<double> sorted)
    {
        var count = sorted.Length;
        var median = (sorted[(count - 1) / 2] + sorted[count / 2]) / 2;
        var (below, above) = (count / 2 - 1, count / 2); // an odd count's middle point is taken once, from above
        double lowerMiddle = 0, upperMiddle = 0;
        for (var rank = 0; rank <= count / 2; rank++)
        {
            var distance = below < 0 || (above < count && sorted[above] - median <= median - sorted[below])
                ? sorted[above++] - median
                : median - sorted[below--];
            if (rank == (count - 1) / 2) lowerMiddle = distance;
            if (rank == count / 2) upperMiddle = distance;
        }
        return (median, (lowerMiddle + upperMiddle) / 2);
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        foreach (var value in (ReadOnlySpan<double>)[_median, _mad, _mean, _variance]) writer.Write(value);
        for (var i = 0; _count < Start && i < _count; i++) writer.Write(_first![i]);
    }

    public void Read(BinaryReader reader)
    {
        _count = reader.ReadInt32();
        (_median, _mad, _mean, _variance) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        if (_count < 0) throw new InvalidDataException("negative count");
        _first = _count is > 0 and < Start ? new double[Start] : null;
        for (var i = 0; _first is not null && i < _count; i++) _first[i] = reader.ReadDouble();
    }
}
