namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Dual-vigilance fuzzy ART as ARTime compacts it from AdaptiveResonance.jl: complement-coded samples; a category's
/// match is (|min(x, w)|1 / |w|1)^3 times the squared share of the last feature's pair it keeps; categories are tried
/// best first; those above the upper vigilance learn (w = min(x, w)); the best, if only above the lower one, is
/// joined by a new category of the same cluster; below both, the sample starts a new cluster (label -1). The first
/// sample ever is not learnt: it sets a first category of ones.
/// </summary>
public sealed class DualVigilanceArt(int dimension)
{
    private readonly List<double[]> _weights = [];
    private readonly List<int> _labels = [];
    private int _clusters;

    public double LowerVigilance { get; set; }

    public double UpperVigilance { get; set; }

    /// <summary>The best match of the last sample (ARTime's A[i]) and that category's share of the last feature's pair (Ae[i]).</summary>
    public double LastMatch { get; private set; }

    public double LastEnergy { get; private set; }

    public int Categories => _weights.Count;

    /// <summary>The sample's cluster label, or -1 when it made a new cluster (or when it did not learn and found none).</summary>
    public int Train(ReadOnlySpan<double> features, bool learning = true)
    {
        var sample = new double[2 * dimension];
        for (var k = 0; k < dimension; k++) (sample[k], sample[dimension + k]) = (features[k], 1 - features[k]);
        if (_weights.Count == 0)
        {
            _weights.Add(Enumerable.Repeat(1.0, 2 * dimension).ToArray());
            _labels.Add(1);
            _clusters = 1;
            (LastMatch, LastEnergy) = (0.0, 0.0);
            return 1;
        }

        var (match, energy) = (new double[_weights.Count], new double[_weights.Count]);
        for (var j = 0; j < _weights.Count; j++) (match[j], energy[j]) = Activation(sample, _weights[j]);
        var order = JuliaNumerics.SortPermutation(match, descending: true);

        var (mismatch, label, best, bestEnergy) = (true, -1, 0.0, 0.0);
        foreach (var j in order)
        {
            if (match[j] > best) (best, bestEnergy) = (match[j], energy[j]);
            if (!learning) continue;
            if (match[j] >= UpperVigilance)
            {
                Learn(_weights[j], sample);
                if (match[j] >= best) label = _labels[j];
                mismatch = false;
            }
            else if (match[j] >= LowerVigilance && mismatch)
            {
                if (match[j] >= best) label = _labels[j];
                _labels.Add(label);
                _weights.Add(sample);
                mismatch = false;
                break;
            }
            else break;
        }
        (LastMatch, LastEnergy) = (best, bestEnergy);
        if (!mismatch || !learning) return label;
        _labels.Add(++_clusters);
        _weights.Add(sample);
        return -1;
    }

    private (double Match, double Energy) Activation(double[] sample, double[] weight)
    {
        Span<double> kept = stackalloc double[sample.Length];
        for (var k = 0; k < sample.Length; k++) kept[k] = Math.Min(sample[k], weight[k]);
        var total = JuliaNumerics.AbsoluteSum(weight);
        var features = JuliaNumerics.AbsoluteSum(kept) / (total == 0 ? 0.001 : total);
        var (last, lastComplement) = (dimension - 1, 2 * dimension - 1);
        var energy = (Math.Abs(kept[last]) + Math.Abs(kept[lastComplement])) / (Math.Abs(weight[last]) + Math.Abs(weight[lastComplement]));
        return (features * features * features * (energy * energy), energy);
    }

    private static void Learn(double[] weight, double[] sample)
    {
        for (var k = 0; k < weight.Length; k++) weight[k] = Math.Min(sample[k], weight[k]);
    }
}
