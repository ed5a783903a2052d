namespace NetworkGrains.ML.Detectors;

/// <summary>
/// An online detector of one metric: each call sees one more point, in time order, and scores it in [0, 1] from
/// that point and the ones before it only (no look-ahead).
/// </summary>
public interface IStreamingDetector
{
    double Score(DateTime timestamp, double value);
}
