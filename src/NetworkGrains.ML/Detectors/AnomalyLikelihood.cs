namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Numenta's anomaly likelihood (nupic's anomaly_likelihood.AnomalyLikelihood, as NAB's numenta detector runs it):
/// how unlikely the recent raw anomaly scores (in [0, 1]) are under a normal distribution of the averaged scores seen
/// before. A flat 0.5 for the first <c>learningPeriod + estimationSamples</c> rows; then the distribution (mean and
/// variance of the moving averages of 10 raw scores over the last <c>historicWindowSize</c> rows, skipping the learning
/// period while it is in the window; mean at least 0.03, variance at least 0.0003; a broad null distribution while the
/// metric itself is flat) is estimated afresh every <c>reestimationPeriod</c> rows, and each row's probability is one
/// minus the tail probability of its moving average (0.001 when the last two tails were both under 1e-5).
/// Numerics as nupic's: numpy's pairwise sums (<see cref="NumpyStatistics"/>), CPython 2.7's erfc (<see cref="Py27Math"/>).
/// </summary>
public sealed class AnomalyLikelihood
{
    public const int AveragingWindow = 10;

    private const double RedZone = 1.0 - 0.99999;
    private const double YellowZone = 1.0 - 0.999;
    private const double FlatMetricVariance = 1.5e-5;

    private readonly int _learningPeriod;
    private readonly int _probation;
    private readonly int _historicWindowSize;
    private readonly int _reestimationPeriod;
    private double[] _values;
    private double[] _scores;
    private int _next;
    private int _count;
    private long _iteration;
    private (double Mean, double Deviation)? _distribution;
    private RollingWindow _average = new(AveragingWindow);
    private double _previousTail;

    /// <param name="learningPeriod">Rows whose raw scores are not trusted yet (the model is still learning).</param>
    /// <param name="estimationSamples">Rows after that before the first estimate.</param>
    public AnomalyLikelihood(int learningPeriod = 288, int estimationSamples = 100, int historicWindowSize = 8640, int reestimationPeriod = 100)
    {
        if (learningPeriod < 0 || estimationSamples < 0 || reestimationPeriod < 1) throw new ArgumentOutOfRangeException(nameof(learningPeriod), "periods must be >= 0 and the reestimation period >= 1");
        if (historicWindowSize < Math.Max(1, estimationSamples)) throw new ArgumentOutOfRangeException(nameof(historicWindowSize), "estimationSamples exceeds historicWindowSize");
        (_values, _scores) = (new double[Math.Min(64, historicWindowSize)], new double[Math.Min(64, historicWindowSize)]);
        (_learningPeriod, _probation, _historicWindowSize, _reestimationPeriod) = (learningPeriod, learningPeriod + estimationSamples, historicWindowSize, reestimationPeriod);
    }

    /// <summary>NAB's numenta detector: half the file's probation to learn, the other half to estimate.</summary>
    public static AnomalyLikelihood ForNab(int probation) => new(probation / 2, probation - probation / 2);

    /// <summary>Rows learnt (bad ones are not counted).</summary>
    public long Count => _iteration;

    /// <summary>NAB's log scale of a probability: 1 at 1 - 1e-10, 0.5 at 1 - 1e-5, 0.0301 at 0.5.</summary>
    public static double LogScale(double probability) => Math.Log(1.0000000001 - probability) / -23.02585084720009;

    /// <summary>
    /// The probability that this row is anomalous, given its raw score and the metric's value (used only to notice a
    /// flat metric). A value or score that is not a finite number is not learnt and gets 0.5.
    /// </summary>
    public double Probability(double value, double rawScore)
    {
        if (!double.IsFinite(value) || !double.IsFinite(rawScore)) return 0.5;
        var probability = 0.5;
        if (_iteration >= _probation)
        {
            if (_distribution is null || _iteration % _reestimationPeriod == 0) Estimate();
            _average.Add(rawScore);
            var tail = Tail(_average.Mean);
            probability = 1.0 - (tail <= RedZone && _previousTail <= RedZone ? YellowZone : tail);
            _previousTail = tail;
        }
        Remember(value, rawScore);
        _iteration++;
        return probability;
    }

    private void Estimate()
    {
        var shiftedOut = Math.Max(0, _iteration - _historicWindowSize);
        var skip = (int)Math.Min(_iteration, Math.Max(0, _learningPeriod - shiftedOut));
        var (averages, values) = (new double[_count], new double[_count]);
        _average = new RollingWindow(AveragingWindow);
        for (var i = 0; i < _count; i++)
        {
            var at = (_next - _count + i + _values.Length) % _values.Length;
            _average.Add(_scores[at]);
            (averages[i], values[i]) = (_average.Mean, _values[at]);
        }

        (double Mean, double Deviation) distribution = (0.5, 1e3);
        if (_count > skip && NumpyStatistics.Variance(values.AsSpan(skip)) >= FlatMetricVariance)
        {
            var mean = Math.Max(NumpyStatistics.Mean(averages.AsSpan(skip)), 0.03);
            var variance = Math.Max(NumpyStatistics.Variance(averages.AsSpan(skip)), 0.0003);
            distribution = (mean, Math.Sqrt(variance));
        }
        _distribution = distribution;
        _previousTail = _count > 0 ? Tail(averages[^1]) : 1.0;
    }

    /// <summary>
    /// The normal distribution's probability of an average above this one (nupic's normalProbability of the NAB runs:
    /// computed above the mean and mirrored, so an average below the mean has a tail above 0.5).
    /// </summary>
    private double Tail(double average)
    {
        var (mean, deviation) = _distribution!.Value;
        return average < mean ? 1.0 - UpperTail(2 * mean - average, mean, deviation) : UpperTail(average, mean, deviation);
    }

    private static double UpperTail(double x, double mean, double deviation) => 0.5 * Py27Math.Erfc((x - mean) / deviation / 1.4142);

    private void Remember(double value, double rawScore)
    {
        if (_count == _values.Length && _count < _historicWindowSize)
        {
            var size = Math.Min(2 * _values.Length, _historicWindowSize);
            (_values, _scores) = (Grown(_values, size), Grown(_scores, size));
            _next = _count;
        }
        (_values[_next], _scores[_next]) = (value, rawScore);
        _next = (_next + 1) % _values.Length;
        _count = Math.Min(_count + 1, _values.Length);
    }

    /// <summary>The ring's values oldest first in a larger array (the ring is full when it grows, so it starts at _next).</summary>
    private double[] Grown(double[] ring, int size)
    {
        var grown = new double[size];
        ring.AsSpan(_next).CopyTo(grown);
        ring.AsSpan(0, _next).CopyTo(grown.AsSpan(ring.Length - _next));
        return grown;
    }
}
