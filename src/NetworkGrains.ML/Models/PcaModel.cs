namespace NetworkGrains.ML.Models;

/// <summary>
/// Anomaly score from PCA reconstruction error: rows are standardised, projected on the leading components and back;
/// the mean squared residual e becomes the score e / (e + q), where q is the training residual at
/// <see cref="ReferenceQuantile"/>: 0.5 means as unusual as the 99th percentile of training windows, 1 is the limit.
/// Arithmetic is float in the order the ONNX graph of <see cref="PcaOnnx"/> uses, so both give the same scores.
/// </summary>
public sealed record PcaModel(FeatureScaler Scaler, float[][] Components, float ReferenceError)
{
    public const string Algorithm = "pca";
    public const double ReferenceQuantile = 0.99;

    public int FeatureCount => Scaler.Mean.Length;

    /// <summary>Keeps the fewest components that explain <paramref name="explainedVariance"/> of the variance (at least one).</summary>
    public static PcaModel Fit(IReadOnlyList<float[]> rows, double explainedVariance = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 2);
        var scaler = FeatureScaler.Fit(rows);
        var scaled = rows.Select(r => scaler.Scale(r)).ToList();
        var (values, vectors) = SymmetricEigen.Decompose(Covariance(scaled));
        var total = values.Sum(v => Math.Max(v, 0));
        var kept = 0;
        for (var explained = 0.0; kept < values.Length - 1 && (total <= 0 || explained / total < explainedVariance); kept++)
        {
            explained += Math.Max(values[kept], 0);
        }

        var components = vectors.Take(Math.Max(kept, 1)).Select(v => v.Select(x => (float)x).ToArray()).ToArray();
        var withoutReference = new PcaModel(scaler, components, 1f);
        var errors = rows.Select(withoutReference.ReconstructionError).Order().ToArray();
        var reference = errors[(int)Math.Min(errors.Length - 1, Math.Floor(ReferenceQuantile * errors.Length))];
        return withoutReference with { ReferenceError = Math.Max(reference, 1e-6f) };
    }

    public float Score(ReadOnlySpan<float> row)
    {
        var error = ReconstructionError(row.ToArray());
        return error / (error + ReferenceError);
    }

    public float ReconstructionError(float[] row)
    {
        var z = Scaler.Scale(row);
        var projected = new float[Components.Length];
        for (var c = 0; c < Components.Length; c++)
        {
            for (var f = 0; f < z.Length; f++)
            {
                projected[c] += z[f] * Components[c][f];
            }
        }

        var sum = 0f;
        for (var f = 0; f < z.Length; f++)
        {
            var reconstructed = 0f;
            for (var c = 0; c < Components.Length; c++)
            {
                reconstructed += projected[c] * Components[c][f];
            }

            var residual = z[f] - reconstructed;
            sum += residual * residual;
        }

        return sum / z.Length;
    }

    private static double[,] Covariance(IReadOnlyList<float[]> scaled)
    {
        var n = scaled[0].Length;
        var covariance = new double[n, n];
        foreach (var row in scaled)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    covariance[i, j] += (double)row[i] * row[j] / scaled.Count;
                }
            }
        }

        return covariance;
    }
}
