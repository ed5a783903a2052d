namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Streaming robust location and scale: the median and MAD of the first <see cref="Start"/> points, then each
/// point moves them by its Huber-clipped residual (clipped at <see cref="Clip"/> scales), weighted 1/n up to
/// <c>memory</c> points and then exponentially, so an outlier moves them no more than a point <see cref="Clip"/>
/// scales away would.
/// </summary>
public struct HuberEstimate(int memory)
{
    public const int Start = 8;

    private const double Clip = 3;
    private const double ClippedVarianceOfNormal = 0.9707; // E[min(|z|, 3)^2] for a standard normal z

    private int _count;
    private double _location;
    private double _variance;
    private double[]? _first = new double[Start];

    public readonly int Count => _count;
    public readonly double Location => _location;

    /// <summary>The scale, floored relative to the location so that a flat series does not divide by zero.</summary>
    public readonly double Scale => Math.Max(Math.Sqrt(_variance), 1e-6 * (1 + Math.Abs(_location)));

    /// <summary>|x - location| in scales.</summary>
    public readonly double Z(double x) => Math.Abs(x - _location) / Scale;

    public void Add(double x)
    {
        _count++;
        if (_first is not null)
        {
            _first[_count - 1] = x;
            if (_count == Start) StartFromMedian();
            return;
        }

        var weight = 1.0 / Math.Min(_count, memory);
        var scale = Scale;
        var clipped = Math.Clamp((x - _location) / scale, -Clip, Clip);
        _location += weight * scale * clipped;
        _variance += weight * (scale * scale * clipped * clipped / ClippedVarianceOfNormal - _variance);
    }

    private void StartFromMedian()
    {
        Array.Sort(_first!);
        _location = (_first![Start / 2 - 1] + _first[Start / 2]) / 2;
        var location = _location;
        var deviations = _first.Select(v => Math.Abs(v - location)).Order().ToArray();
        var mad = 1.4826 * (deviations[Start / 2 - 1] + deviations[Start / 2]) / 2;
        var spread = Math.Sqrt(_first.Sum(v => (v - location) * (v - location)) / Start);
        _variance = Math.Pow(mad > 0 ? mad : 0.1 * spread, 2); // a flat start has no MAD: then a tenth of the spread
        _first = null;
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        writer.Write(_location);
        writer.Write(_variance);
        for (var i = 0; _first is not null && i < _count; i++) writer.Write(_first[i]);
    }

    public void Read(BinaryReader reader)
    {
        _count = reader.ReadInt32();
        _location = reader.ReadDouble();
        _variance = reader.ReadDouble();
        if (_count >= Start) _first = null;
        for (var i = 0; _first is not null && i < _count; i++) _first[i] = reader.ReadDouble();
    }
}
