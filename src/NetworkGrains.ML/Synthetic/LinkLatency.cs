namespace NetworkGrains.ML.Synthetic;

/// <summary>
/// Links as queues, for performance models: latency climbs steeply as utilisation nears 1 until the queue's limit
/// caps it (a deeper queue holds more), plus noise. Features <see cref="Features"/>; the target is milliseconds.
/// </summary>
public static class LinkLatency
{
    public static readonly string[] Features = ["utilisation", "packets_per_second", "queue_limit"];

    public static (List<float[]> Rows, List<float> Latency) Samples(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float[]>(count);
        var latency = new List<float>(count);
        for (var i = 0; i < count; i++)
        {
            var utilisation = random.NextDouble() * 0.95;
            var queue = random.Next(16, 256);
            rows.Add([(float)utilisation, (float)(utilisation * 80_000 + random.NextDouble() * 2_000), queue]);
            latency.Add((float)(2 + Math.Min(queue / 20.0, utilisation / (1 - utilisation)) * 3 + random.NextDouble() * 0.5));
        }
        return (rows, latency);
    }
}
