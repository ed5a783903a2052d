namespace NetworkGrains.ML.Detectors;

/// <summary>
/// What NAB's numenta detector makes of a raw anomaly score: the log-scaled anomaly likelihood
/// (<see cref="AnomalyLikelihood"/>, half the file's probation to learn and half to estimate), or 1 for a spatial
/// anomaly (<see cref="SpatialAnomaly"/>). Without the file's row count: nupic's defaults (288 rows to learn, 100 to estimate).
/// A value or raw score that is not a finite number scores 0 and is not learnt.
/// </summary>
public sealed class NumentaScore(AnomalyLikelihood likelihood)
{
    private SpatialAnomaly _spatial;

    public NumentaScore() : this(new AnomalyLikelihood())
    {
    }

    public static NumentaScore ForNab(int rows) => new(AnomalyLikelihood.ForNab(NabProbation.Rows(rows)));

    public AnomalyLikelihood Likelihood => likelihood;

    public double Next(double value, double rawScore)
    {
        if (!double.IsFinite(value) || !double.IsFinite(rawScore)) return 0;
        var spatial = _spatial.Next(value);
        var score = AnomalyLikelihood.LogScale(likelihood.Probability(value, rawScore));
        return spatial ? 1.0 : score;
    }
}
