namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime (Mark Hampton, 2021; NAB's best published detector), reproduced from its Julia source (ARTimeNAB.jl) as NAB
/// runs it: the values are downsampled to about 13 windows of 8 per probation (the window's spike or its mean),
/// normalised by the file's range, discretised to 80 levels and pulled to the running median level when close; each
/// downsampled point makes a feature vector of the last 8 (their Haar wavelet transform and the levels themselves)
/// for a dual-vigilance ART (<see cref="ArtimeClassifier"/>). Scores only on downsampled points.
/// </summary>
/// <remarks>
/// Like CAD OSE it needs the whole file's range (<see cref="Begin"/>), and the row count for its probation; a
/// streaming variant would fix the range ahead (or from the probation) and clamp values outside it; here they are
/// refused (<see cref="ISeriesRangeDetector"/>). A series too short for one trend window (about 60 rows) scores 0.
/// </remarks>
public sealed class ArtimeDetector : ISeriesRangeDetector
{
    public const string Name = "artime";
    public const string Description = "NAB's ARTime (adaptive resonance on wavelet features of downsampled levels), reproduced; needs the file's range, as NAB gives it";

    private const int Window = 8;
    private const int WindowsPerProbation = 13;
    private const int Levels = 80;
    private const double Chomp = 0.075;
    private const double InitialVigilance = 0.80;

    private readonly double[] _levels = new double[Window];
    private readonly ArtimeMedianLevel _median = new(Levels);
    private double _min;
    private double _max;
    private double[] _samples = [];
    private ArtimeClassifier? _classifier;
    private long _row;
    private int _point;
    private double _movingAverage;

    public void Begin(double min, double max, int rows)
    {
        var probation = NabProbation.Rows(rows);
        probation -= probation % 2;
        var step = Math.Max(1, probation / (Window * WindowsPerProbation));
        var trendWindow = probation / step;
        (_min, _max, _samples) = (min, max, new double[step]);
        _classifier = trendWindow >= Window ? new ArtimeClassifier(Window, trendWindow, mask: Window * 3 / 2, InitialVigilance) : null;
    }

    public double Score(DateTime timestamp, double value)
    {
        if (_samples.Length == 0) throw new InvalidOperationException($"{Name} needs the series' range: call Begin first");
        if (!(value >= _min && value <= _max) || _classifier is null) return 0;
        Array.Copy(_samples, 1, _samples, 0, _samples.Length - 1);
        _samples[^1] = value;
        if (++_row % _samples.Length != 0) return 0;
        _point++;

        var level = Level(Downsample());
        _median.Add(level);
        var normalised = level / (double)Levels;
        var median = _median.Level / (double)Levels;
        if (Math.Abs(normalised - median) < Chomp) normalised = median;
        Array.Copy(_levels, 1, _levels, 0, Window - 1);
        _levels[^1] = normalised;
        return _classifier.Next(_point >= Window ? Features() : new double[2 * Window], _point);
    }

    /// <summary>The window's spike (above or below its moving average, whichever is further) unless within 10% of its mean.</summary>
    private double Downsample()
    {
        var mean = JuliaNumerics.Mean(_samples);
        var (max, min) = (_samples.Max(), _samples.Min());
        if (_point == 1) _movingAverage = mean;
        _movingAverage = (_movingAverage + mean) / 2;
        var sample = Math.Abs(max - _movingAverage) < Math.Abs(min - _movingAverage) ? min : max;
        return Math.Abs(sample - mean) < 0.1 * mean ? mean : sample;
    }

    private int Level(double sample)
    {
        sample -= _min;
        if (_max - _min != 0) sample /= _max - _min;
        return (int)Math.Round(sample * Levels, MidpointRounding.ToEven);
    }

    /// <summary>The last levels rescaled to [0, 1], their Haar transform rescaled to [0, 1], then the levels themselves.</summary>
    private double[] Features()
    {
        var wavelet = HaarWavelet.Transform(Rescale(_levels));
        return [.. Rescale(wavelet), .. _levels];
    }

    private static double[] Rescale(double[] values)
    {
        var min = values.Min();
        var shifted = values.Select(v => v - min).ToArray();
        var max = shifted.Max();
        return max != 0 ? shifted.Select(v => v / max).ToArray() : shifted;
    }
}
