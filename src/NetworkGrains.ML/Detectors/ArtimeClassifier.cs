namespace NetworkGrains.ML.Detectors;

/// <summary>
/// ARTime's classification of feature vectors (process_features!, detect!): the first trend window of them is kept,
/// the vigilance found from their similarity-ordered replay, then all are replayed; after that, a vector that makes
/// a new cluster outside the masks is an anomaly, scored by how far below both vigilances its match lies and how
/// little of the last value's pair it kept. The vigilances follow the running mean of matches (upper) and the
/// trend window's lowest match (lower), every half trend window and once after an anomaly's mask.
/// </summary>
public sealed class ArtimeClassifier(int window, int trendWindow, int mask, double initialVigilance)
{
    private readonly DualVigilanceArt _art = new(2 * window);
    private readonly List<double[]> _trend = [];
    private readonly double[] _matches = Enumerable.Repeat(1.0, trendWindow / 2 + 1).ToArray();
    private readonly double[] _belowUpper = new double[trendWindow + 1];
    private readonly List<double> _anomalyMatches = [];
    private long _matchCount;
    private double _meanMatch;
    private int _lastAnomaly;
    private double _lastAnomalyMatch;
    private int _lastVigilanceUpdate;
    private bool _maskAfterNewCluster;
    private int _noNewCluster;

    /// <summary>The anomaly score of the i-th feature vector (from 1); 0 through the trend window, which is learnt in one go at its end.</summary>
    public double Next(double[] features, int i)
    {
        if (i > trendWindow) return Detect(features, i);
        _trend.Add(features);
        if (i < trendWindow) return 0.0;
        var vigilance = ArtimeRules.InitialVigilance(_trend.Skip(window - 1).SelectMany(v => v).ToArray(), 2 * window, trendWindow / 2 - 1, initialVigilance);
        (_art.LowerVigilance, _art.UpperVigilance) = (vigilance, vigilance);
        for (var k = 0; k < _trend.Count; k++) Detect(_trend[k], k + 1);
        _trend.Clear();
        return 0.0;
    }

    private double Detect(double[] features, int i)
    {
        var sinceAnomaly = i - _lastAnomaly;
        var updateAfterAnomaly = sinceAnomaly == mask;
        var updateForTrend = i - _lastVigilanceUpdate >= trendWindow / 2;
        var maskAfterAnomaly = sinceAnomaly <= mask;
        if (i > trendWindow + mask && _maskAfterNewCluster && _noNewCluster >= mask) _maskAfterNewCluster = false;

        // Vectors before the first whole window are not learnt, but still go through, as in the original.
        var cluster = _art.Train(features, learning: i >= window);
        if (i < window) cluster = -1;
        _noNewCluster = cluster == -1 ? 0 : _noNewCluster + 1;
        var match = _art.LastMatch;
        _meanMatch += 1.0 / ++_matchCount * (match - _meanMatch);
        Shift(_matches, match);
        Shift(_belowUpper, _art.UpperVigilance - match);
        if (sinceAnomaly < mask && _anomalyMatches.Count > 0 && match < _anomalyMatches[^1]) _anomalyMatches[^1] = match;

        var masking = _maskAfterNewCluster || maskAfterAnomaly;
        var belowLast = match < _lastAnomalyMatch * (maskAfterAnomaly ? 0.90 : 0.70);
        var anomaly = 0.0;
        if (i > trendWindow && cluster == -1 && (!masking || belowLast))
        {
            anomaly = ArtimeRules.Confidence(match, _art.LastEnergy, _art.UpperVigilance, _art.LowerVigilance);
            _anomalyMatches.Add(match);
            (_lastAnomalyMatch, _lastAnomaly) = (match, i);
        }
        _maskAfterNewCluster = cluster == -1 || _maskAfterNewCluster;
        if (i > trendWindow && (updateAfterAnomaly || updateForTrend))
        {
            UpdateVigilance(i);
            (_lastVigilanceUpdate, _maskAfterNewCluster) = (i, true);
        }
        return anomaly;
    }

    private void UpdateVigilance(int i)
    {
        var shortfall = i > trendWindow * 2 ? ArtimeRules.Shortfall(_belowUpper) : 0.0;
        var anomalies = _anomalyMatches.Count > 0 ? JuliaNumerics.Mean(_anomalyMatches.ToArray()) : (double?)null;
        (_art.LowerVigilance, _art.UpperVigilance) = ArtimeRules.Vigilances(_art.LowerVigilance, _matches.Min(), _meanMatch, shortfall, anomalies);
    }

    private static void Shift(double[] window, double value)
    {
        Array.Copy(window, 1, window, 0, window.Length - 1);
        window[^1] = value;
    }
}
