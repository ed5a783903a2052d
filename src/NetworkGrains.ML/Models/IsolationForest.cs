namespace NetworkGrains.ML.Models;

/// <summary>
/// Isolation forest (Liu, Ting and Zhou 2008): rows that random cuts isolate quickly are anomalous.
/// Score 2^(-E[h(x)] / c(sample)) is in (0, 1); about 0.5 for ordinary rows, near 1 for isolated ones.
/// </summary>
public sealed record IsolationForest(IReadOnlyList<IsolationTree> Trees, int SampleSize, int FeatureCount, float Threshold)
{
    public const string Algorithm = "isolation_forest";
    public const double ThresholdQuantile = 0.99;

    public float NormaliserLength => (float)IsolationTree.AveragePathLength(SampleSize);

    public static IsolationForest Fit(IReadOnlyList<float[]> rows, int trees = 100, int sampleSize = 256, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 2);
        var random = new Random(seed);
        var size = Math.Min(sampleSize, rows.Count);
        var maxDepth = (int)Math.Ceiling(Math.Log2(size));
        var grown = Enumerable.Range(0, trees)
            .Select(_ => IsolationTree.Grow(rows.OrderBy(_ => random.Next()).Take(size).ToList(), maxDepth, random))
            .ToList();
        var unthresholded = new IsolationForest(grown, size, rows[0].Length, 0.5f);
        var scores = rows.Select(r => unthresholded.Score(r)).Order().ToArray();
        return unthresholded with { Threshold = scores[(int)Math.Min(scores.Length - 1, Math.Floor(ThresholdQuantile * scores.Length))] };
    }

    public float Score(ReadOnlySpan<float> row)
    {
        var sum = 0f;
        foreach (var tree in Trees)
        {
            sum += tree.PathLengthOf(row);
        }

        return MathF.Exp(sum / Trees.Count * (-MathF.Log(2) / NormaliserLength));
    }
}
