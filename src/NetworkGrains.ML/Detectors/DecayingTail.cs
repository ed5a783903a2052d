namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="EmpiricalTail"/>: surprises counted in log-spaced bins (0.001 to 10^13 scales, 12 a decade: a flat series' scale is tiny, its surprises huge)
/// that decay with a half-life of <c>memory</c> points; the score is the share of the counted mass below the value,
/// with the value's own bin split log-linearly (scored at <c>tolerance</c> times the value, as <see cref="EmpiricalTail"/> does). Decay costs nothing per point: each new point counts with a weight
/// that grows by 1/keep instead, and every <see cref="RescaleEvery"/> points all counts are divided back down.
/// </summary>
public sealed class DecayingTail(int memory = 8_640, int learning = 300, double tolerance = 1)
{
    private const int BinsPerDecade = 12;
    private const int Bins = 16 * BinsPerDecade;
    private const double Lowest = 0.001;

    private const int RescaleEvery = 4096;
    private const float ForgottenMass = 1e-3f;

    // Only the bins that hold mass, sorted: a series' surprises span a few decades of the sixteen.
    private byte[] _bins = new byte[8];
    private float[] _masses = new float[8];
    private int _used;
    private readonly double _keep = Math.Pow(0.5, 1.0 / memory);
    private double _weight = 1; // what a point added now counts, relative to the stored counts
    private double _total;
    private int _seen;
    private readonly double _toleranceShift = Math.Log10(tolerance) * BinsPerDecade; // scoring at tolerance x the value

    /// <summary>The share of the remembered surprises below this one; it is then remembered too, unless <paramref name="count"/> is false.</summary>
    public double Next(double surprise, bool count = true)
    {
        if (double.IsNaN(surprise)) return 0; // no measurement: neither scored nor counted
        // One logarithm and one pass over the bins: the value's own bin to count it in, and the bin of tolerance
        // times the value (never after it) to score it at.
        var logarithm = surprise <= Lowest ? double.NegativeInfinity : Math.Log10(surprise / Lowest) * BinsPerDecade;
        var bin = (int)Position(logarithm);
        var scoredAt = Position(logarithm + _toleranceShift);
        var scoredBin = (int)scoredAt;
        double below = 0;
        var slot = 0;
        for (; slot < _used && _bins[slot] < scoredBin; slot++) below += _masses[slot];
        if (slot < _used && _bins[slot] == scoredBin) below += (scoredAt - scoredBin) * _masses[slot];
        while (slot < _used && _bins[slot] < bin) slot++;
        var found = slot < _used && _bins[slot] == bin;
        var score = _seen >= learning && _total > 0 ? below / (_total + _weight) : 0;
        if (!count) return score;

        _weight /= _keep;
        _total += _weight;
        if (!found) Insert(slot, (byte)bin);
        _masses[slot] += (float)_weight;
        if (++_seen % RescaleEvery == 0) Rescale();
        return score;
    }

    private void Insert(int slot, byte bin)
    {
        if (_used == _bins.Length)
        {
            Array.Resize(ref _bins, _used + 8);
            Array.Resize(ref _masses, _used + 8);
        }

        Array.Copy(_bins, slot, _bins, slot + 1, _used - slot);
        Array.Copy(_masses, slot, _masses, slot + 1, _used - slot);
        (_bins[slot], _masses[slot]) = (bin, 0);
        _used++;
    }

    /// <summary>Divides the counts back down to unit weight and forgets bins that have decayed to almost nothing.</summary>
    private void Rescale()
    {
        var kept = 0;
        for (var slot = 0; slot < _used; slot++)
        {
            var mass = (float)(_masses[slot] / _weight);
            if (mass < ForgottenMass) continue;
            (_bins[kept], _masses[kept]) = (_bins[slot], mass);
            kept++;
        }

        _used = kept;
        _total /= _weight;
        _weight = 1;
    }

    /// <summary>The bins that hold mass, in order.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_total);
        writer.Write(_weight);
        writer.Write(_seen);
        writer.Write((byte)_used);
        for (var slot = 0; slot < _used; slot++)
        {
            writer.Write(_bins[slot]);
            writer.Write(_masses[slot]);
        }
    }

    public void Read(BinaryReader reader)
    {
        _total = reader.ReadDouble();
        _weight = reader.ReadDouble();
        _seen = reader.ReadInt32();
        _used = reader.ReadByte();
        _bins = new byte[Math.Max(_used, 8)];
        _masses = new float[_bins.Length];
        for (var slot = 0; slot < _used; slot++)
        {
            _bins[slot] = reader.ReadByte();
            _masses[slot] = reader.ReadSingle();
            if (_bins[slot] > Bins || (slot > 0 && _bins[slot] <= _bins[slot - 1])) throw new InvalidDataException("histogram bins out of order");
        }
    }

    /// <summary>
    /// The bin as a real number, from the surprise's logarithm in bins above <see cref="Lowest"/>: its integer part is
    /// the bin (0 for anything at or below the lowest), its fraction how far into the bin the value lies.
    /// </summary>
    private static double Position(double binsAboveLowest) =>
        binsAboveLowest <= 0 ? 0 : Math.Min(Bins + 0.999, 1 + binsAboveLowest);
}
