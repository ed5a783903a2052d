namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime (Mark Hampton, 2021; NAB's best published detector), reproduced from its Julia source (ARTimeNAB.jl) as NAB
/// runs it: the values are downsampled, normalised by the file's range, discretised and pulled to the running median
/// level (<see cref="ArtimeFeatures"/>); each downsampled point's feature vector goes to a dual-vigilance ART
/// (<see cref="ArtimeClassifier"/>). Scores only on downsampled points.
/// </summary>
/// <remarks>
/// Like CAD OSE it needs the whole file's range (<see cref="Begin"/>), and the row count for its probation; values
/// outside the range are refused (<see cref="ISeriesRangeDetector"/>). <see cref="ArtStreamDetector"/> is its
/// streaming form. A series too short for one trend window (about 60 rows) scores 0.
/// </remarks>
public sealed class ArtimeDetector : ISeriesRangeDetector
{
    public const string Name = "artime";
    public const string Description = "NAB's ARTime (adaptive resonance on wavelet features of downsampled levels), reproduced; needs the file's range, as NAB gives it";

    private readonly double[] _levels = new double[ArtimeFeatures.Window];
    private readonly ArtimeMedianLevel _median = new(ArtimeFeatures.Levels);
    private double _min;
    private double _max;
    private double[] _samples = [];
    private ArtimeClassifier? _classifier;
    private long _row;
    private int _point;
    private double _movingAverage;

    public void Begin(double min, double max, int rows)
    {
        var (step, trendWindow) = ArtimeFeatures.Steps(NabProbation.Rows(rows));
        (_min, _max, _samples) = (min, max, new double[step]);
        _classifier = trendWindow >= ArtimeFeatures.Window
            ? new ArtimeClassifier(ArtimeFeatures.Window, trendWindow, ArtimeFeatures.Mask, ArtimeFeatures.InitialVigilance)
            : null;
    }

    public double Score(DateTime timestamp, double value)
    {
        if (_samples.Length == 0) throw new InvalidOperationException($"{Name} needs the series' range: call Begin first");
        if (!(value >= _min && value <= _max) || _classifier is null) return 0;
        Array.Copy(_samples, 1, _samples, 0, _samples.Length - 1);
        _samples[^1] = value;
        if (++_row % _samples.Length != 0) return 0;
        _point++;

        var level = ArtimeFeatures.Level(ArtimeFeatures.Downsample(_samples, ref _movingAverage, first: _point == 1), _min, _max);
        _median.Add(level);
        Array.Copy(_levels, 1, _levels, 0, _levels.Length - 1);
        _levels[^1] = ArtimeFeatures.Normalised(level, _median.Level);
        var features = new double[ArtimeFeatures.Dimension];
        if (_point >= ArtimeFeatures.Window) ArtimeFeatures.Vector(_levels, features);
        return _classifier.Next(features, _point);
    }
}
