namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The range of the values a series has shown so far, which a streaming ARTime uses where NAB tells ARTime the
/// whole file's: it widens to take in a value outside it, by at most its own width per value (while it is still
/// almost a point, by a thousandth of the values' magnitude), and a value beyond that is clamped to the new edge.
/// One absurd value so halves the resolution of the levels at most; a real shift is taken in within a few values,
/// the width doubling each time. A range given ahead (a percentage's 0 to 100) is fixed, and values clamp to it.
/// </summary>
public sealed class ArtStreamRange
{
    private const double PointWidth = 1e-3;

    private bool _seen;
    private bool _fixed;

    public double Min { get; private set; }

    public double Max { get; private set; }

    public static ArtStreamRange Fixed(double min, double max) => new() { Min = min, Max = max, _seen = true, _fixed = true };

    /// <summary>The value as it is learnt: after the range has widened towards it, clamped to the range.</summary>
    public double Take(double value)
    {
        if (!_seen)
        {
            (Min, Max, _seen) = (value, value, true);
            return value;
        }
        if (!_fixed)
        {
            var step = Math.Max(Max - Min, PointWidth * Math.Max(1, Math.Max(Math.Abs(Min), Math.Abs(Max))));
            if (value > Max) Max = Math.Min(value, Max + step);
            else if (value < Min) Min = Math.Max(value, Min - step);
        }
        return Math.Clamp(value, Min, Max);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_seen);
        writer.Write(_fixed);
        writer.Write(Min);
        writer.Write(Max);
    }

    public void Read(BinaryReader reader)
    {
        (_seen, _fixed, Min, Max) = (reader.ReadBoolean(), reader.ReadBoolean(), reader.ReadDouble(), reader.ReadDouble());
        if (!double.IsFinite(Min) || !double.IsFinite(Max) || Min > Max) throw new InvalidDataException("the range is not a range");
    }
}
