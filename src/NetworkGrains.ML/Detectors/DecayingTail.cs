namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The compact <see cref="EmpiricalTail"/>: surprises counted in log-spaced bins (0.001 to 10^13 scales, 12 a decade: a flat series' scale is tiny, its surprises huge)
/// that decay with a half-life of <c>memory</c> points; the score is the share of the counted mass below the value,
/// with the value's own bin split log-linearly.
/// </summary>
public sealed class DecayingTail(int memory = 8_640, int learning = 300)
{
    private const int BinsPerDecade = 12;
    private const int Bins = 16 * BinsPerDecade;
    private const double Lowest = 0.001;

    private readonly float[] _mass = new float[Bins + 1];
    private readonly double _keep = Math.Pow(0.5, 1.0 / memory);
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
            score = (below + (position - bin) * _mass[bin]) / (_total + 1);
        }

        for (var b = 0; b < _mass.Length; b++) _mass[b] *= (float)_keep;
        _total = _total * _keep + 1;
        _mass[bin] += 1;
        _seen++;
        return score;
    }

    /// <summary>The bin as a real number: its integer part is the bin, its fraction how far into it the value lies.</summary>
    private static double Position(double surprise) =>
        surprise <= Lowest ? 0 : Math.Min(Bins + 0.999, 1 + Math.Log10(surprise / Lowest) * BinsPerDecade);
}
