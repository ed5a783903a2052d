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

    public double Next(double surprise)
    {
        var score = _seen >= learning && _total > 0 ? MassBelow(Position(surprise * tolerance)) / (_total + _weight) : 0;
        var bin = (int)Position(surprise);
        var slot = 0;
        while (slot < _used && _bins[slot] < bin) slot++;
        var found = slot < _used && _bins[slot] == bin;

        _weight /= _keep;
        _total += _weight;
        if (!found) Insert(slot, (byte)bin);
        _masses[slot] += (float)_weight;
        if (++_seen % RescaleEvery == 0) Rescale();
        return score;
    }

    /// <summary>The counted mass below a position, the position's own bin split log-linearly.</summary>
    private double MassBelow(double position)
    {
        var bin = (int)position;
        double below = 0;
        var slot = 0;
        for (; slot < _used && _bins[slot] < bin; slot++) below += _masses[slot];
        return slot < _used && _bins[slot] == bin ? below + (position - bin) * _masses[slot] : below;
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

    /// <summary>The bin as a real number: its integer part is the bin, its fraction how far into it the value lies.</summary>
    private static double Position(double surprise) =>
        surprise <= Lowest ? 0 : Math.Min(Bins + 0.999, 1 + Math.Log10(surprise / Lowest) * BinsPerDecade);
}
