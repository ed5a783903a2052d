using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>The synthetic devices the benchmarks register and feed.</summary>
public static class BenchFleet
{
    /// <summary>What one interface poll reports, repeated over interfaces until a batch is full.</summary>
    private static readonly (string Metric, MetricKind Kind)[] InterfaceMetrics =
    [
        ("ifHCInOctets", MetricKind.Counter64), ("ifHCOutOctets", MetricKind.Counter64),
        ("ifInErrors", MetricKind.Counter32), ("ifOutDiscards", MetricKind.Counter32), ("ifOperStatus", MetricKind.Gauge),
    ];

    private static readonly string[] Instances = Enumerable.Range(1, 10_000).Select(i => i.ToString()).ToArray();

    public static string Id(int i) => $"bench-{i:D6}";

    public static async Task RegisterAsync(IGrainFactory grains, int devices)
    {
        var directory = grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        foreach (var chunk in Enumerable.Range(0, devices).Chunk(5_000))
        {
            var records = chunk.Select(i => new DeviceRecord(Id(i), Id(i), $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}",
                $"site-{i % 50}", i % 10 == 0 ? "core" : "edge", "bench", "sim", ["bench"], null)).ToArray();
            var refused = await directory.RegisterMany(records);
            if (refused > 0) throw new InvalidOperationException($"{refused} bench devices were refused");
        }
    }

    /// <summary>One poll of <paramref name="size"/> readings at <paramref name="step"/> (counters grow each step).</summary>
    public static Reading[] InterfacePoll(int size, long step, DateTimeOffset timestamp)
    {
        var readings = new Reading[size];
        for (var j = 0; j < size; j++)
        {
            var (metric, kind) = InterfaceMetrics[j % InterfaceMetrics.Length];
            var value = kind == MetricKind.Gauge ? 1 : step * (1_000 + j);
            readings[j] = new Reading(metric, Instances[j / InterfaceMetrics.Length], timestamp, value, kind);
        }
        return readings;
    }

    /// <summary><paramref name="series"/> gauges with <paramref name="points"/> points each, one a minute up to now.</summary>
    public static Reading[] GaugeHistory(int series, int points, DateTimeOffset now)
    {
        var readings = new Reading[series * points];
        for (var p = 0; p < points; p++)
            for (var s = 0; s < series; s++)
                readings[p * series + s] = new Reading("gauge", Instances[s], now.AddMinutes(p - points + 1), p + s, MetricKind.Gauge);
        return readings;
    }
}
