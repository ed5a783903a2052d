using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Tests;

public sealed class ArtStreamDetectorTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(3)]
    [InlineData(400)] // while it learns
    [InlineData(749)] // the row before its learning rows end
    [InlineData(750)]
    [InlineData(3_001)] // after the range has widened (the shift at 2,000)
    public void A_restored_detector_scores_exactly_as_one_that_never_stopped(int stopAt)
    {
        var series = Series(5_000, seed: 1);
        var uninterrupted = new ArtStreamDetector();
        var expected = Score(uninterrupted, series);

        var first = new ArtStreamDetector();
        Score(first, series[..stopAt]);
        var saved = first.Save();
        var restored = ArtStreamDetector.Restore(saved);
        Assert.Equal(saved, restored.Save());
        Assert.Equal(expected[stopAt..], Score(restored, series[stopAt..], from: stopAt));
        Assert.Contains(expected, s => s > 0);
        Assert.InRange(saved.Length, 40, 4_096);
    }

    [Fact]
    public void Cut_foreign_or_other_options_bytes_restore_a_fresh_detector_and_never_throw()
    {
        var detector = new ArtStreamDetector();
        Score(detector, Series(2_000, seed: 2));
        var saved = detector.Save();
        var fresh = new ArtStreamDetector().Save();
        var random = new Random(5);

        var foreign = Enumerable.Range(0, 200).Select(_ => { var b = new byte[random.Next(0, 600)]; random.NextBytes(b); return b; });
        var flipped = Enumerable.Range(0, 200).Select(_ => { var b = saved.ToArray(); b[random.Next(1, b.Length)] ^= (byte)(1 << random.Next(8)); return b; });
        foreach (var bytes in Enumerable.Range(0, saved.Length).Select(n => saved[..n]).Concat(foreign))
            Assert.Equal(fresh, ArtStreamDetector.Restore(bytes).Save());
        foreach (var bytes in flipped) Assert.InRange(ArtStreamDetector.Restore(bytes).Score(Start, 1), 0, 1);
        Assert.Equal(new ArtStreamDetector(new ArtStreamOptions(MaxCategories: 16)).Save(), ArtStreamDetector.Restore(saved, new ArtStreamOptions(MaxCategories: 16)).Save());
        Assert.Equal(saved, ArtStreamDetector.Restore(saved).Save());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(float.MaxValue * 2.0)]
    public void Values_that_are_not_numbers_or_beyond_float32_score_0_and_change_nothing(double bad)
    {
        var series = Series(4_000, seed: 3);
        var clean = Score(new ArtStreamDetector(), series);
        var detector = new ArtStreamDetector();
        var scores = new List<double>();
        for (var i = 0; i < series.Length; i++)
        {
            if (i is 0 or 5 or 700 or 749 or 1_500 or 2_500 or 3_500)
            {
                var before = detector.Save();
                Assert.Equal(0, detector.Score(Start.AddMinutes(5 * i), bad));
                Assert.Equal(before, detector.Save());
            }
            scores.Add(detector.Score(Start.AddMinutes(5 * i), series[i]));
        }
        Assert.Equal(clean, scores);
    }

    [Fact]
    public void An_absurd_value_within_float32_at_most_doubles_the_range_and_later_anomalies_still_score()
    {
        var series = Series(6_000, seed: 4);
        series[4_500] += 60; // a spike after the absurd value
        var detector = new ArtStreamDetector();
        Score(detector, series[..3_000]);
        var (min, max) = detector.Range;

        detector.Score(Start.AddMinutes(5 * 3_000), 1e30);
        Assert.Equal((min, max + (max - min)), detector.Range);
        var after = Score(detector, series[3_001..], from: 3_001);
        Assert.All(after, s => Assert.InRange(s, 0, 1));
        Assert.True(after[(4_500 - 3_001)..(4_500 - 3_001 + 14)].Max() > 0.5, "the spike after the absurd value");
    }

    [Fact]
    public void Memory_stays_bounded_and_nothing_is_allocated_per_point_on_a_long_noisy_series()
    {
        var random = new Random(6);
        var detector = new ArtStreamDetector();
        var level = 100.0;
        double Next(int i)
        {
            if (i % 20_000 == 0) level *= 1.5; // a shift now and then widens the range
            return level + random.NextDouble() * 40 + (random.Next(500) == 0 ? random.NextDouble() * 200 : 0);
        }

        for (var i = 0; i < 1_000; i++) detector.Score(Start.AddMinutes(i), Next(i));
        var sizes = new int[4];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i <= 200_000; i++)
        {
            detector.Score(Start.AddMinutes(i), Next(i));
            if (i % 50_000 == 0) sizes[i / 50_000 - 1] = detector.Categories;
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(0, allocated);
        Assert.Equal(ArtStreamOptions.Default.MaxCategories, detector.Categories);
        Assert.All(sizes, c => Assert.Equal(ArtStreamOptions.Default.MaxCategories, c));
        Assert.InRange(detector.Save().Length, 2_000, 3_200);
    }

    [Fact]
    public void Rescaling_the_level_dimensions_gives_the_boxes_that_learning_the_rescaled_samples_makes()
    {
        const double a = 0.4, b = 0.35;
        var random = new Random(7);
        var samples = Enumerable.Range(0, 30).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray()).ToList();
        double[] Mapped(double[] x) => [x[0], x[1], a * x[2] + b, a * x[3] + b];

        // Every category learns every sample (vigilances 0): the box of all samples, in either range.
        var original = new CompactDualVigilanceArt(4, 8, halfLife: 100) { LowerVigilance = 0, UpperVigilance = 0 };
        var direct = new CompactDualVigilanceArt(4, 8, halfLife: 100) { LowerVigilance = 0, UpperVigilance = 0 };
        foreach (var sample in samples)
        {
            original.Train(sample);
            direct.Train(Mapped(sample));
        }
        original.Rescale(2, 4, a, b);

        foreach (var probe in Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray()))
        {
            original.Train(Mapped(probe), learning: false);
            direct.Train(Mapped(probe), learning: false);
            Assert.Equal(direct.LastMatch, original.LastMatch, 4);
            Assert.Equal(direct.LastEnergy, original.LastEnergy, 4);
        }
    }

    [Fact]
    public void The_least_used_category_makes_way_when_the_art_is_full()
    {
        var art = new CompactDualVigilanceArt(2, 3, halfLife: 1_000) { LowerVigilance = 0.9, UpperVigilance = 0.95 };
        art.Train([0.5, 0.5]); // ARTime's first category, of ones: never matched again
        for (var k = 0; k < 5; k++) art.Train([0.1, 0.1]); // a recurring pattern
        Assert.True(art.Train([0.9, 0.9]));
        Assert.Equal(3, art.Categories);
        Assert.True(art.Train([0.1, 0.9])); // full: takes the place of the ones category, then of the one-off
        Assert.True(art.Train([0.9, 0.1]));

        art.Train([0.1, 0.1], learning: false);
        Assert.Equal(1, art.LastMatch, 6); // the recurring pattern is still known
        art.Train([0.9, 0.9], learning: false);
        Assert.True(art.LastMatch < 0.9);
    }

    [Theory]
    [InlineData(31, 32, null, null)]
    [InlineData(750, 1, null, null)]
    [InlineData(750, 32, 5.0, 1.0)]
    [InlineData(750, 32, double.NaN, 1.0)]
    public void Options_it_cannot_work_with_are_refused(int rows, int categories, double? min, double? max)
    {
        var range = min is { } low && max is { } high ? (low, high) : ((double, double)?)null;
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArtStreamDetector(new ArtStreamOptions(rows, categories, range)));
    }

    [Fact]
    public void A_range_given_ahead_is_kept_values_outside_it_are_clamped_and_a_state_saved_with_another_starts_afresh()
    {
        var detector = new ArtStreamDetector(new ArtStreamOptions(Range: (0, 100)));
        var scores = Score(detector, Series(3_000, seed: 8).Select((v, i) => i == 2_000 ? 250 : v).ToArray());
        Assert.Equal((0.0, 100.0), detector.Range);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        var saved = detector.Save();
        Assert.Equal(saved, ArtStreamDetector.Restore(saved, new ArtStreamOptions(Range: (0, 100))).Save());
        Assert.Equal(new ArtStreamDetector(new ArtStreamOptions(Range: (0, 200))).Save(), ArtStreamDetector.Restore(saved, new ArtStreamOptions(Range: (0, 200))).Save());
        Assert.Equal(new ArtStreamDetector().Save(), ArtStreamDetector.Restore(saved).Save());
    }

    /// <summary>A daily cycle of 5-minute points with noise, a spike at 1,200 and a shift up at 2,000 (beyond the range learnt).</summary>
    private static double[] Series(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => 50 + 20 * Math.Sin(i / 288.0 * 2 * Math.PI) + random.NextDouble() * 4 + (i == 1_200 ? 30 : 0) + (i >= 2_000 ? 40 : 0))
            .ToArray();
    }

    private static double[] Score(ArtStreamDetector detector, double[] values, int from = 0) =>
        values.Select((v, i) => detector.Score(Start.AddMinutes(5 * (from + i)), v)).ToArray();
}
