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
        var vigilance = InitialVigilance(_trend.Skip(window - 1).ToList());
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
            anomaly = Confidence(match, _art.LastEnergy);
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
        var lowestMatch = _matches.Min();
        var upper = Math.Min(0.97, _meanMatch);
        var previous = _art.LowerVigilance;
        double lower;
        if (previous <= lowestMatch) lower = previous + (lowestMatch - previous) * 0.19;
        else
        {
            var decrease = 0.0;
            if (i > trendWindow * 2)
            {
                var below = _belowUpper.Where(x => x > 0.05).Select(x => Math.Min(0.37, x)).ToArray();
                if (below.Length > 0) decrease = JuliaNumerics.Mean(below);
            }
            lower = previous - Math.Max(0.01, decrease) / 2;
            if (_anomalyMatches.Count > 0) lower = Math.Max(JuliaNumerics.Mean(_anomalyMatches.ToArray()), lower);
        }
        (_art.LowerVigilance, _art.UpperVigilance) = (Math.Min(upper, lower), upper);
    }

    private double Confidence(double match, double energy)
    {
        match = Math.Min(0.999, match);
        var upper = ((1 - match) - (1 - _art.UpperVigilance)) / (1 - match);
        var lower = ((1 - match) - (1 - _art.LowerVigilance)) / (1 - match);
        var score = Math.Min(1.0, (upper * 0.35 + lower * 0.65) + (1.0 - energy) * 1.5);
        return JuliaNumerics.Round(score, digits: 6);
    }

    /// <summary>
    /// The vigilance the trend window's vectors suggest: replayed least similar to the others first into a fresh ART
    /// at the initial vigilance, the mean match of the second half.
    /// </summary>
    private double InitialVigilance(List<double[]> vectors)
    {
        var count = vectors.Count;
        var similarity = new double[count, count];
        for (var a = 0; a < count; a++)
        {
            similarity[a, a] = 1.0;
            for (var b = 0; b < a; b++) similarity[a, b] = similarity[b, a] = Similarity(vectors[a], vectors[b]);
        }
        var sums = new double[count];
        var column = new double[count];
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++) column[b] = similarity[b, a];
            sums[a] = JuliaNumerics.Sum(column);
        }
        var order = JuliaNumerics.SortPermutation(sums);

        var art = new DualVigilanceArt(2 * window) { LowerVigilance = initialVigilance, UpperVigilance = initialVigilance };
        var matches = new List<double>();
        foreach (var k in order)
        {
            art.Train(vectors[k]);
            matches.Add(art.LastMatch);
        }
        return JuliaNumerics.Mean(matches.Skip(trendWindow / 2 - 1).ToArray());
    }

    /// <summary>ARTime's "close to cosine similarity".</summary>
    private static double Similarity(double[] a, double[] b)
    {
        var (normA, normB) = (Norm(a), Norm(b));
        if (normA == 0.0) return 1 - normB;
        if (normB == 0.0) return 1 - normA;
        var products = new double[a.Length];
        for (var k = 0; k < a.Length; k++) products[k] = a[k] * b[k];
        return JuliaNumerics.Sum(products) / (normA * normB);
    }

    /// <summary>Julia's 2-norm of a short vector: the squares added in order (no scaling needed here).</summary>
    private static double Norm(double[] values)
    {
        if (values.All(v => v == 0)) return 0.0;
        var sum = values[0] * values[0];
        for (var k = 1; k < values.Length; k++) sum += values[k] * values[k];
        return Math.Sqrt(sum);
    }

    private static void Shift(double[] window, double value)
    {
        Array.Copy(window, 1, window, 0, window.Length - 1);
        window[^1] = value;
    }
}
