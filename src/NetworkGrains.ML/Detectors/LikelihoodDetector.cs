namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Another detector's score taken as a raw anomaly score and scored as NAB's numenta detector scores HTM's
/// (<see cref="NumentaScore"/>): how unlikely its recent average is for this series, or 1 at a new extreme. Given the
/// file's range and length (<see cref="Begin"/>), the likelihood's periods come from NAB's probation and values outside
/// the range are refused (score 0, not learnt); without them, nupic's defaults (a source that needs the range refuses).
/// </summary>
public sealed class LikelihoodDetector(IStreamingDetector source) : ISeriesRangeDetector
{
    private NumentaScore _score = new();
    private (double Min, double Max)? _range;

    public void Begin(double min, double max, int rows)
    {
        if (source is ISeriesRangeDetector ranged) ranged.Begin(min, max, rows);
        (_score, _range) = (NumentaScore.ForNab(rows), (min, max));
    }

    public double Score(DateTime timestamp, double value)
    {
        if (!double.IsFinite(value) || (_range is { } range && !(value >= range.Min && value <= range.Max))) return 0;
        return _score.Next(value, source.Score(timestamp, value));
    }
}
