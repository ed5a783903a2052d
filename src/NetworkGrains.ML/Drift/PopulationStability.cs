namespace NetworkGrains.ML.Drift;

/// <summary>
/// Population stability index of live rows against a <see cref="FeatureDistribution"/>, per feature:
/// sum over bins of (live - training) * ln(live / training), shares floored at 0.0001 so empty bins count but do
/// not divide by zero. Conventionally below 0.1 is stable, 0.1-0.25 a shift, above 0.25 a large one.
/// </summary>
public sealed class PopulationStability(FeatureDistribution training)
{
    public const double DriftThreshold = 0.1;
    private const double Floor = 1e-4;

    private readonly long[][] _counts = training.Features.Select(_ => new long[FeatureDistribution.Bins]).ToArray();

    public long Rows { get; private set; }

    public FeatureDistribution Training => training;

    /// <summary>Counts one live row (its values in the training features' order).</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        for (var f = 0; f < _counts.Length; f++) _counts[f][FeatureDistribution.BinOf(training.Edges[f], row[f])]++;
        Rows++;
    }

    public Dictionary<string, double> Compute()
    {
        var psi = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var f = 0; f < _counts.Length; f++)
        {
            double sum = 0;
            for (var b = 0; b < FeatureDistribution.Bins; b++)
            {
                var live = Math.Max((double)_counts[f][b] / Math.Max(Rows, 1), Floor);
                var expected = Math.Max(training.Shares[f][b], Floor);
                sum += (live - expected) * Math.Log(live / expected);
            }

            psi[training.Features[f]] = sum;
        }

        return psi;
    }

    public void Reset()
    {
        foreach (var counts in _counts) Array.Clear(counts);
        Rows = 0;
    }
}
