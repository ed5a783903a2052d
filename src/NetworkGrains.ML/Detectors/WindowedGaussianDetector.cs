namespace NetworkGrains.ML.Detectors;

/// <summary>NAB's windowed Gaussian baseline: how far the value lies in the tails of the recent values' normal fit.</summary>
public sealed class WindowedGaussianDetector : IStreamingDetector
{
    public const string Name = "windowedgaussian";
    public const string Description = "baseline: two-sided normal tail of the value against the last 6,400 values";

    private readonly RollingWindow _window = new(6_400);

    public double Score(DateTime timestamp, double value)
    {
        var (mean, deviation) = (_window.Mean, _window.StandardDeviation);
        var enough = _window.Count >= 10 && deviation > 0;
        _window.Add(value);
        return enough ? 1 - 2 * NormalTail.Probability(Math.Abs(value - mean) / deviation) : 0;
    }
}
