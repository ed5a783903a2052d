namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Streaming median and median absolute deviation (MAD) in a few numbers: started from the exact ones of the first
/// <see cref="Start"/> points, then each point nudges the median towards itself, and the MAD towards the point's
/// distance from the median, by a fixed share (<c>rate</c>) of the MAD. An outlier moves them no more than any other
/// point does, so, like a long sorted window's, they stay where most points are. The standard deviation (weighted
/// 1/n up to <c>memory</c> points, then exponentially) floors the scale of a series that is mostly one value.
/// </summary>
public struct MedianTracker(double rate, int memory)
{
    public const int Start = 8;

    private int _count;
    private double _median;
    private double _mad;
    private double _mean;
    private double _variance;
    private double[]? _first = new double[Start];

    public readonly int Count => _count;

    public readonly double Median => _median;

    /// <summary>The robust scale (1.4826 MAD), floored at a tenth of the standard deviation and relative to the median.</summary>
    public readonly double Scale => Math.Max(1.4826 * _mad, Math.Max(0.1 * Math.Sqrt(Math.Max(_variance, 0)), 1e-6 * (1 + Math.Abs(_median))));

    /// <summary>|x - median| in scales.</summary>
    public readonly double Z(double x) => Math.Abs(x - _median) / Scale;

    public void Add(double x)
    {
        _count++;
        if (_first is not null)
        {
            _first[_count - 1] = x;
            if (_count == Start) StartFromExact();
            return;
        }

        var weight = 1.0 / Math.Min(_count, memory);
        var difference = x - _mean;
        _mean += weight * difference;
        _variance += weight * (difference * (x - _mean) - _variance);

        var step = rate * Math.Max(_mad, 1e-3 * Math.Sqrt(Math.Max(_variance, 0)) + 1e-9);
        _median += step * Math.Sign(x - _median);
        _mad = Math.Max(0, _mad + (Math.Abs(x - _median) > _mad ? step : -step));
    }

    private void StartFromExact()
    {
        var first = _first!;
        Array.Sort(first);
        var median = _median = (first[Start / 2 - 1] + first[Start / 2]) / 2;
        var deviations = first.Select(v => Math.Abs(v - median)).Order().ToArray();
        _mad = (deviations[Start / 2 - 1] + deviations[Start / 2]) / 2;
        _mean = first.Average();
        var mean = _mean;
        _variance = first.Sum(v => (v - mean) * (v - mean)) / Start;
        _first = null;
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        foreach (var value in (ReadOnlySpan<double>)[_median, _mad, _mean, _variance]) writer.Write(value);
        for (var i = 0; _first is not null && i < _count; i++) writer.Write(_first[i]);
    }

    public void Read(BinaryReader reader)
    {
        _count = reader.ReadInt32();
        (_median, _mad, _mean, _variance) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        if (_count < 0) throw new InvalidDataException("negative count");
        if (_count >= Start) _first = null;
        for (var i = 0; _first is not null && i < _count; i++) _first[i] = reader.ReadDouble();
    }
}
