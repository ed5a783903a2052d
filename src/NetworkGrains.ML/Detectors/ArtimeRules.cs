namespace NetworkGrains.ML.Detectors;

/// <summary>ARTime's formulas that its classifiers share: the anomaly's confidence, the vigilances (the first one and their updates).</summary>
public static class ArtimeRules
{
    /// <summary>How far below both vigilances the match lies (weighted 0.35 upper, 0.65 lower) plus 1.5 times the share of the last value's pair lost.</summary>
    public static double Confidence(double match, double energy, double upperVigilance, double lowerVigilance)
    {
        match = Math.Min(0.999, match);
        var upper = ((1 - match) - (1 - upperVigilance)) / (1 - match);
        var lower = ((1 - match) - (1 - lowerVigilance)) / (1 - match);
        var score = Math.Min(1.0, (upper * 0.35 + lower * 0.65) + (1.0 - energy) * 1.5);
        return JuliaNumerics.Round(score, digits: 6);
    }

    /// <summary>
    /// The next (lower, upper) vigilances: the upper is the running mean match (at most 0.97); the lower rises a fifth
    /// of the way to the trend's lowest match, or falls by half the mean shortfall below the upper vigilance (at
    /// least 0.005), not below the anomalies' mean match.
    /// </summary>
    public static (double Lower, double Upper) Vigilances(double previousLower, double lowestMatch, double meanMatch, double shortfall, double? anomalyMeanMatch)
    {
        var upper = Math.Min(0.97, meanMatch);
        double lower;
        if (previousLower <= lowestMatch) lower = previousLower + (lowestMatch - previousLower) * 0.19;
        else
        {
            lower = previousLower - Math.Max(0.01, shortfall) / 2;
            if (anomalyMeanMatch is { } anomalies) lower = Math.Max(anomalies, lower);
        }
        return (Math.Min(upper, lower), upper);
    }

    /// <summary>The mean shortfall below the upper vigilance, of those over 0.05 (each at most 0.37); 0 when none is.</summary>
    public static double Shortfall(ReadOnlySpan<double> belowUpper)
    {
        var (sum, count) = (0.0, 0);
        foreach (var x in belowUpper)
        {
            if (!(x > 0.05)) continue;
            sum += Math.Min(0.37, x);
            count++;
        }
        return count > 0 ? sum / count : 0.0;
    }

    /// <summary>
    /// The vigilance the trend window's vectors (laid end to end) suggest: replayed least similar to the others first
    /// (by the sum of each one's similarities to all, itself counting 1) into a fresh ART at the initial vigilance,
    /// the mean match from the vector at <paramref name="skip"/> on.
    /// </summary>
    public static double InitialVigilance(ReadOnlySpan<double> vectors, int dimension, int skip, double initialVigilance)
    {
        var art = new DualVigilanceArt(dimension) { LowerVigilance = initialVigilance, UpperVigilance = initialVigilance };
        var (sum, count) = (0.0, 0);
        var order = SimilarityOrder(vectors, dimension);
        for (var k = 0; k < order.Length; k++)
        {
            art.Train(vectors.Slice(order[k] * dimension, dimension));
            if (k < skip) continue;
            sum += art.LastMatch;
            count++;
        }
        return sum / count;
    }

    private static int[] SimilarityOrder(ReadOnlySpan<double> vectors, int dimension)
    {
        var count = vectors.Length / dimension;
        var norms = new double[count];
        for (var a = 0; a < count; a++) norms[a] = Norm(vectors.Slice(a * dimension, dimension));
        // Each pair once; every sum still adds its terms in ARTime's order (the vectors before, itself, the vectors after).
        var sums = new double[count];
        for (var a = 0; a < count; a++)
        {
            var vector = vectors.Slice(a * dimension, dimension);
            for (var b = 0; b < a; b++)
            {
                var similarity = Similarity(vector, norms[a], vectors.Slice(b * dimension, dimension), norms[b]);
                sums[a] += similarity;
                sums[b] += similarity;
            }
            sums[a] += 1.0;
        }
        return JuliaNumerics.SortPermutation(sums);
    }

    /// <summary>ARTime's "close to cosine similarity" of two vectors of the given 2-norms.</summary>
    private static double Similarity(ReadOnlySpan<double> a, double normA, ReadOnlySpan<double> b, double normB)
    {
        if (normA == 0.0) return 1 - normB;
        if (normB == 0.0) return 1 - normA;
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum / (normA * normB);
    }

    /// <summary>Julia's 2-norm of a short vector: the squares added in order (no scaling needed here).</summary>
    private static double Norm(ReadOnlySpan<double> values)
    {
        var zero = true;
        foreach (var value in values) zero &= value == 0;
        if (zero) return 0.0;
        var sum = values[0] * values[0];
        for (var k = 1; k < values.Length; k++) sum += values[k] * values[k];
        return Math.Sqrt(sum);
    }
}
