namespace NetworkGrains.ML.Synthetic;

/// <summary>Labelled flow-window features (ThreatClassifier.Features order): ordinary traffic, port scans and SYN floods.</summary>
public static class FlowWindows
{
    public static (List<float[]> Rows, List<bool> Labels) Labelled(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        var labels = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(10);
            rows.Add(kind switch { 0 => Scan(random), 1 => Flood(random), _ => Ordinary(random) });
            labels.Add(kind < 2);
        }

        return (rows, labels);
    }

    private static float[] Ordinary(Random r) =>
        [Between(r, 200, 3000), Between(r, 20, 300), Between(r, 20, 400), Between(r, 5, 60), Between(r, 0.02f, 0.2f),
         Between(r, 300, 1200), Between(r, 5, 40), Between(r, 3, 7), Between(r, 1, 4)];

    private static float[] Scan(Random r) =>
        [Between(r, 800, 5000), Between(r, 1, 3), Between(r, 1, 50), Between(r, 500, 4000), Between(r, 0.7f, 1f),
         Between(r, 40, 60), Between(r, 1, 2), Between(r, 0, 1), Between(r, 8, 12)];

    private static float[] Flood(Random r) =>
        [Between(r, 5000, 50000), Between(r, 1000, 20000), Between(r, 1, 3), Between(r, 1, 3), Between(r, 0.8f, 1f),
         Between(r, 40, 80), Between(r, 1, 3), Between(r, 9, 14), Between(r, 0, 1)];

    private static float Between(Random r, float low, float high) => low + (float)r.NextDouble() * (high - low);
}
