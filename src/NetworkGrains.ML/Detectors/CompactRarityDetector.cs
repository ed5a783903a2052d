namespace NetworkGrains.ML.Detectors;

/// <summary>
/// <see cref="RobustRarityDetector"/>'s three steps in about 1 KB, for device grains that run one per series: the
/// surprise is the value's distance from the best of three expectations (the long-run level, the same hour
/// on recent days, the median of the last three values), each in the robust scale of its own past errors
/// (<see cref="HuberEstimate"/>), the smallest scale winning; its rarity comes from a <see cref="DecayingTail"/>
/// histogram instead of a 30-day window; one alarm per episode as before.
/// </summary>
public sealed class CompactRarityDetector : IStreamingDetector
{
    public const string Name = "ngcompact";
    public const string Description = "the default's steps in about 1 KB a series, for device grains (Huber scales, hourly profile, sparse histogram tail)";

    private const int Memory = 30 * 288;
    private const byte FormatVersion = 2;

    private readonly SlotProfile _profile = new();
    private readonly DecayingTail _rarity = new(Memory, tolerance: 0.9);
    private HoldOff _holdOff = new(rows: 100, factor: 0.5, alarm: 0.99);
    private readonly float[] _recent = new float[3];
    private int _recentNext;
    private bool _recentFull;
    private HuberEstimate _values = new(Memory);
    private HuberEstimate _seasonalErrors = new(Memory);
    private HuberEstimate _localErrors = new(Memory);
    private double _previousSurprise;

    /// <summary>What the last scored point was compared with: the expectation whose errors had the smallest scale.</summary>
    public double LastExpected { get; private set; } = double.NaN;

    public double Score(DateTime timestamp, double value)
    {
        var (surprise, scale) = _values.Count < HuberEstimate.Start ? (0, double.MaxValue) : (_values.Z(value), _values.Scale);
        LastExpected = _values.Count < HuberEstimate.Start ? double.NaN : _values.Location;
        if (_profile.Expected(timestamp) is { } seasonal && Consider(ref _seasonalErrors, value - seasonal, ref surprise, ref scale)) LastExpected = seasonal;
        if (_recentFull && RecentMedian() is var local && Consider(ref _localErrors, value - local, ref surprise, ref scale)) LastExpected = local;

        _values.Add(value);
        _profile.Add(timestamp, value);
        _recent[_recentNext] = (float)value;
        _recentNext = (_recentNext + 1) % _recent.Length;
        _recentFull |= _recentNext == 0;
        var smoothed = (surprise + _previousSurprise) / 2;
        _previousSurprise = surprise;
        return _holdOff.Next(_rarity.Next(smoothed));
    }

    /// <summary>Everything the detector has learnt, to carry it across grain activations (a few hundred bytes).</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            _values.Write(writer);
            _seasonalErrors.Write(writer);
            _localErrors.Write(writer);
            _profile.Write(writer);
            _rarity.Write(writer);
            _holdOff.Write(writer);
            foreach (var value in _recent) writer.Write(value);
            writer.Write(_recentNext);
            writer.Write(_recentFull);
            writer.Write(_previousSurprise);
        }

        return buffer.ToArray();
    }

    /// <summary>A detector that goes on from a <see cref="Save"/>; a fresh one when the bytes are of another format or cut short.</summary>
    public static CompactRarityDetector Restore(byte[] saved)
    {
        var detector = new CompactRarityDetector();
        try
        {
            using var reader = new BinaryReader(new MemoryStream(saved));
            if (reader.ReadByte() != FormatVersion) return new CompactRarityDetector();
            detector._values.Read(reader);
            detector._seasonalErrors.Read(reader);
            detector._localErrors.Read(reader);
            detector._profile.Read(reader);
            detector._rarity.Read(reader);
            detector._holdOff.Read(reader);
            for (var i = 0; i < detector._recent.Length; i++) detector._recent[i] = reader.ReadSingle();
            detector._recentNext = reader.ReadInt32();
            detector._recentFull = reader.ReadBoolean();
            detector._previousSurprise = reader.ReadDouble();
            return (uint)detector._recentNext < detector._recent.Length ? detector : new CompactRarityDetector();
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            return new CompactRarityDetector();
        }
    }

    /// <summary>Uses this expectation's error if its errors have been smaller than the best so far (then true).</summary>
    private static bool Consider(ref HuberEstimate errors, double error, ref double surprise, ref double scale)
    {
        var better = errors.Count >= HuberEstimate.Start && errors.Scale < scale;
        if (better) (surprise, scale) = (Math.Abs(error) / errors.Scale, errors.Scale);
        errors.Add(error);
        return better;
    }

    private double RecentMedian() =>
        Math.Max(Math.Min(_recent[0], _recent[1]), Math.Min(Math.Max(_recent[0], _recent[1]), _recent[2]));
}
