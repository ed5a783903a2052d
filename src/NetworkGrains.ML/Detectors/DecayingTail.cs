namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="EmpiricalTail"/>: surprises counted in log-spaced bins (0.001 to 10^13 scales, 12 a decade: a flat series' scale is tiny, its surprises huge)
/// that decay with a half-life of <c>memory</c> points; the score is the share of the counted mass below the value,
/// with the value's own bin split log-linearly. Decay costs nothing per point: each new point counts with a weight
/// that grows by 1/keep instead, and every <see cref="RescaleEvery"/> points all counts are divided back down.
/// </summary>
public sealed class DecayingTail(int memory = 8_640, int learning = 300)
{
    private const int BinsPerDecade = 12;
    private const int Bins = 16 * BinsPerDecade;
    private const double Lowest = 0.001;

    private const int RescaleEvery = 4096;

    private readonly float[] _mass = new float[Bins + 1];
    private readonly double _keep = Math.Pow(0.5, 1.0 / memory);
    private double _weight = 1; // what a point added now counts, relative to the stored counts
    private double _total;
    private int _seen;

    public double Next(double surprise)
    {
        var position = Position(surprise);
        var bin = (int)position;
        double score = 0;
        if (_seen >= learning && _total > 0)
        {
            double below = 0;
            for (var b = 0; b < bin; b++) below += _mass[b];
            score = (below + (position - bin) * _mass[bin]) / (_total + _weight);
        }

        _weight /= _keep;
        _total += _weight;
        _mass[bin] += (float)_weight;
        if (++_seen % RescaleEvery == 0) Rescale();
        return score;
    }

    private void Rescale()
    {
        for (var b = 0; b < _mass.Length; b++) _mass[b] = (float)(_mass[b] / _weight);
        _total /= _weight;
        _weight = 1;
    }

    /// <summary>Only the bins that hold mass (most of the 16 decades are empty for any one series).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_total);
        writer.Write(_weight);
        writer.Write(_seen);
        writer.Write((byte)_mass.Count(m => m != 0));
        for (var b = 0; b < _mass.Length; b++)
        {
            if (_mass[b] == 0) continue;
            writer.Write((byte)b);
            writer.Write(_mass[b]);
        }
    }

    public void Read(BinaryReader reader)
    {
        _total = reader.ReadDouble();
        _weight = reader.ReadDouble();
        _seen = reader.ReadInt32();
        Array.Clear(_mass);
        for (int bins = reader.ReadByte(), i = 0; i < bins; i++)
        {
            var bin = reader.ReadByte();
            var mass = reader.ReadSingle();
            if (bin < _mass.Length) _mass[bin] = mass;
        }
    }

    /// <summary>The bin as a real number: its integer part is the bin, its fraction how far into it the value lies.</summary>
    private static double Position(double surprise) =>
        surprise <= Lowest ? 0 : Math.Min(Bins + 0.999, 1 + Math.Log10(surprise / Lowest) * BinsPerDecade);
}
