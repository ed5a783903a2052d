namespace NetworkGrains.ML.Detectors;

/// <summary>How a fusion combines its detectors' scores of a row.</summary>
public enum FusionRule
{
    /// <summary>The highest: an alarm when any detector alarms at the threshold (an OR).</summary>
    Max,

    /// <summary>The mean: an alarm when they agree enough.</summary>
    Mean,
}

/// <summary>Several detectors run side by side on the same series, their scores of each row combined by a <see cref="FusionRule"/>.</summary>
public sealed class FusionDetector(FusionRule rule, params IStreamingDetector[] detectors) : ISeriesRangeDetector
{
    public void Begin(double min, double max, int rows)
    {
        foreach (var detector in detectors)
            if (detector is ISeriesRangeDetector ranged) ranged.Begin(min, max, rows);
    }

    public double Score(DateTime timestamp, double value)
    {
        var (max, sum) = (0.0, 0.0);
        foreach (var detector in detectors)
        {
            var score = detector.Score(timestamp, value);
            (max, sum) = (Math.Max(max, score), sum + score);
        }
        return rule == FusionRule.Max ? max : sum / detectors.Length;
    }
}
