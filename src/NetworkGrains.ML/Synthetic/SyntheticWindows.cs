namespace NetworkGrains.ML.Synthetic;

/// <summary>Correlated feature rows like a device's windows (rates that move together, errors near zero), plus outliers.</summary>
public static class SyntheticWindows
{
    public const int FeatureCount = 6;

    public static List<float[]> Normal(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var load = random.NextDouble() * 100;
            return new[]
            {
                (float)(load + Noise(random, 3)),
                (float)(load * 0.8 + Noise(random, 3)),
                (float)(load * 12 + Noise(random, 20)),
                (float)Math.Abs(Noise(random, 0.5)),
                (float)(20 + load * 0.3 + Noise(random, 2)),
                (float)(500 + Noise(random, 50)),
            };
        }).ToList();
    }

    /// <summary>Rows that break the correlations: traffic in without traffic out, an error burst, a CPU spike at no load.</summary>
    public static List<float[]> Outliers() =>
    [
        [90, 2, 1080, 0.2f, 47, 500],
        [50, 40, 600, 40, 35, 510],
        [5, 4, 60, 0.1f, 95, 490],
    ];

    private static double Noise(Random random, double scale) => (random.NextDouble() + random.NextDouble() - 1) * scale;
}
