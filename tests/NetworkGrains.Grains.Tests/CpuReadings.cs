using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Tests;

/// <summary>A cpu gauge a minute (or every <c>step</c>), around 20 with a little noise, and <c>spike</c> at the given readings.</summary>
internal static class CpuReadings
{
    public static Reading[] From(DateTimeOffset start, int from, int count, double spike, params int[] spikesAt) =>
        Every(TimeSpan.FromMinutes(1), start, from, count, spike, spikesAt);

    public static Reading[] Every(TimeSpan step, DateTimeOffset start, int from, int count, double spike, params int[] spikesAt)
    {
        var random = new Random(from);
        return Enumerable.Range(from, count)
            .Select(i => new Reading("cpu", null, start + i * step, spikesAt.Contains(i) ? spike : 20 + random.NextDouble() * 2, MetricKind.Gauge))
            .ToArray();
    }
}
