using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Tests;

public sealed class SortedWindowTests
{
    [Fact]
    public void Median_mad_and_counts_match_a_brute_force_over_the_last_values()
    {
        var random = new Random(11);
        var window = new SortedWindow(capacity: 101);
        var recent = new Queue<double>();
        for (var i = 0; i < 2_000; i++)
        {
            var value = Math.Round(random.NextDouble() * 50, i % 3); // ties included
            window.Add(value);
            recent.Enqueue(value);
            if (recent.Count > 101) recent.Dequeue();
            if (i % 97 != 0) continue;

            var sorted = recent.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            var distances = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
            Assert.Equal(median, window.Median, precision: 12);
            Assert.Equal(distances[(distances.Length + 1) / 2 - 1], window.MedianAbsoluteDeviation(), precision: 6);
            Assert.Equal(recent.Count(v => v >= 25), window.CountAtLeast(25));
        }
    }
}
