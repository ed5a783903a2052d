namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The surprise of the simplest robust predictor, as a raw anomaly score in [0, 1): the value's distance from the
/// series' streaming median in robust units (<see cref="MedianTracker"/>, as the default detector keeps it), as the
/// two-sided normal probability of so small a distance (0 at the median, 0.997 at 3 units). 0 while the tracker is
/// starting; a value that is not a finite number scores 0 and is not learnt.
/// </summary>
public sealed class MedianSurprise : IStreamingDetector
{
    private MedianTracker _values = new(rate: 0.01, memory: 30 * 288);

    public double Score(DateTime timestamp, double value)
    {
        if (!double.IsFinite(value)) return 0;
        var surprise = _values.Count >= MedianTracker.Start ? 1 - 2 * NormalTail.Probability(_values.Z(value)) : 0;
        _values.Add(value);
        return surprise;
    }
}
