namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The default detector, <see cref="RobustRarityDetector"/>'s steps in about 2 KB, for device grains that run one
/// per series: the surprise is the value's distance from the long-run median or, when its errors have been smaller,
/// from the usual value of this hour on recent days (<see cref="SlotProfile"/>), each in robust units (<see cref="MedianTracker"/>
/// instead of sorted 30-day windows); none if the value is routine for this hour (<see cref="SlotRange"/>); its
/// rarity comes from a <see cref="DecayingTail"/> histogram instead of a 30-day window; one alarm per episode.
/// </summary>
/// <param name="alarm">
/// The score that opens an episode, whose next rows are damped. NAB sweeps its own threshold and is best served by
/// 0.99; a device grain passes the threshold it raises verdicts at, so that a score just under it (one that raised
/// nothing) never damps a larger surprise that follows into silence.
/// </param>
public sealed class CompactRarityDetector(double alarm = CompactRarityDetector.NabAlarm) : IStreamingDetector
{
    public const double NabAlarm = 0.99;

    public const string Name = "ngcompact";
    public const string Description = "run by device grains on every series: rarity of the robust surprise against the long run and the hour of day, routine daily spikes excused, one alarm per episode, in about 2 KB a series";

    private const int Memory = 30 * 288;
    public const byte FormatVersion = 4; // 4: the median trackers' early steps

    private readonly SlotProfile _profile = new();
    private readonly SlotRange _routine = new(days: 4);
    private readonly DecayingTail _rarity = new(Memory, tolerance: 0.9);
    private HoldOff _holdOff = new(rows: 100, factor: 0.5, alarm);
    private MedianTracker _values = new(rate: 0.01, Memory);
    private MedianTracker _seasonalErrors = new(rate: 0.005, Memory);
    private double _previousSurprise;

    /// <summary>What the last scored point was compared with: the long-run median or the usual value of the hour.</summary>
    public double LastExpected { get; private set; } = double.NaN;

    public double Score(DateTime timestamp, double value)
    {
        // A tracker's scale is trusted once its exact start is over; the rarity tail learns only from trusted
        // surprises (one measured against the scale of a handful of whole numbers would stay the rarest for days).
        var learnt = _values.Count >= MedianTracker.Start;
        var (surprise, scale) = learnt ? (_values.Z(value), _values.Scale) : (0, 0);
        LastExpected = learnt ? _values.Median : double.NaN;
        if (_profile.Expected(timestamp) is { } seasonal)
        {
            if (_seasonalErrors.Count >= MedianTracker.Start && _seasonalErrors.Scale < scale)
                (surprise, LastExpected) = (_seasonalErrors.Z(value - seasonal), seasonal);
            _seasonalErrors.Add(value - seasonal);
        }
        if (_routine.IsRoutine(timestamp, value)) surprise = 0;

        _routine.Add(timestamp, value);
        _values.Add(value);
        _profile.Add(timestamp, value);
        var smoothed = (surprise + _previousSurprise) / 2;
        _previousSurprise = surprise;
        return _holdOff.Next(_rarity.Next(smoothed, count: learnt));
    }

    /// <summary>Everything the detector has learnt, to carry it across grain activations (about 1.6 KB).</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            _values.Write(writer);
            _seasonalErrors.Write(writer);
            _profile.Write(writer);
            _routine.Write(writer);
            _rarity.Write(writer);
            _holdOff.Write(writer);
            writer.Write(_previousSurprise);
        }

        return buffer.ToArray();
    }

    /// <summary>A detector that goes on from a <see cref="Save"/>; a fresh one when the bytes are of another format or cut short.</summary>
    public static CompactRarityDetector Restore(byte[] saved, double alarm = NabAlarm)
    {
        var detector = new CompactRarityDetector(alarm);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(saved));
            if (reader.ReadByte() != FormatVersion) return new CompactRarityDetector(alarm);
            detector._values.Read(reader);
            detector._seasonalErrors.Read(reader);
            detector._profile.Read(reader);
            detector._routine.Read(reader);
            detector._rarity.Read(reader);
            detector._holdOff.Read(reader);
            detector._previousSurprise = reader.ReadDouble();
            return detector;
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            return new CompactRarityDetector(alarm);
        }
    }
}
