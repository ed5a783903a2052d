namespace NetworkGrains.ML.Models;

/// <summary>Per-feature centre and inverse spread learnt from training rows (a constant feature gets scale 1).</summary>
public sealed record FeatureScaler(float[] Mean, float[] InverseScale)
{
    public static FeatureScaler Fit(IReadOnlyList<float[]> rows)
    {
        var features = rows[0].Length;
        var mean = new float[features];
        var inverse = new float[features];
        for (var f = 0; f < features; f++)
        {
            var average = rows.Average(r => (double)r[f]);
            var deviation = Math.Sqrt(rows.Sum(r => (r[f] - average) * (r[f] - average)) / rows.Count);
            mean[f] = (float)average;
            inverse[f] = deviation > 1e-9 ? (float)(1 / deviation) : 1f;
        }

        return new FeatureScaler(mean, inverse);
    }

    public float[] Scale(ReadOnlySpan<float> row)
    {
        var scaled = new float[row.Length];
        for (var f = 0; f < row.Length; f++)
        {
            scaled[f] = (row[f] - Mean[f]) * InverseScale[f];
        }

        return scaled;
    }
}
