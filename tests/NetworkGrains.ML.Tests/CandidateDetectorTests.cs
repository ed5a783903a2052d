using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Tests;

/// <summary>The likelihood and fusion candidates as the catalog makes them.</summary>
public sealed class CandidateDetectorTests
{
    public static TheoryData<string> Names => [.. CandidateDetectors.All.Select(c => c.Name)];

    /// <summary>2,000 five-minute rows of noise around a daily wave; the level jumps by 40 at row 1,500.</summary>
    private static (DateTime Time, double Value)[] Series()
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, 2_000).Select(i => (DateTime.UnixEpoch.AddMinutes(5 * i), 50 + 10 * Math.Sin(2 * Math.PI * i / 288) + 2 * random.NextDouble() + (i >= 1_500 ? 40 : 0)))];
    }

    private static IStreamingDetector Begun(string name, (DateTime Time, double Value)[] series)
    {
        var detector = (ISeriesRangeDetector)DetectorCatalog.Create(name)!;
        detector.Begin(series.Min(r => r.Value), series.Max(r => r.Value), series.Length);
        return detector;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_candidate_is_in_the_catalog_under_a_nab_name_and_scores_the_jump_above_the_rows_before_it(string name)
    {
        Assert.DoesNotContain('_', name);
        var series = Series();
        var detector = Begun(name, series);
        var scores = series.Select(r => detector.Score(r.Time, r.Value)).ToArray();

        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        var before = scores.Take(1_500).Skip(300).Max(); // after the likelihood's probation (15% of 2,000)
        var after = scores.Skip(1_500).Take(50).Max();
        Assert.True(after > before, $"{name}: {after} after the jump, {before} before");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_that_are_not_numbers_or_lie_outside_the_range_score_0_and_leave_the_next_rows_as_they_were(string name)
    {
        var series = Series();
        var clean = Begun(name, series);
        var expected = series.Select(r => clean.Score(r.Time, r.Value)).ToArray();
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300];
        int[] at = [5, 299, 300, 1_000, 1_600];

        var detector = Begun(name, series);
        var scores = new List<double>();
        for (var i = 0; i < series.Length; i++)
        {
            var k = Array.IndexOf(at, i);
            if (k >= 0) Assert.Equal(0, detector.Score(series[i].Time, bad[k]));
            scores.Add(detector.Score(series[i].Time, series[i].Value));
        }
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void The_likelihood_of_the_median_streams_without_the_files_range_and_the_others_refuse_to()
    {
        var streaming = DetectorCatalog.Create("lhmedian")!;
        var scores = Series().Select(r => streaming.Score(r.Time, r.Value)).ToArray();
        Assert.Contains(scores, s => s > AnomalyLikelihood.LogScale(0.5)); // nupic's default periods: 388 rows, then likelihoods
        foreach (var name in new[] { "lhcadose", "cadartmax", "cadartmean", "cadartlh" })
            Assert.Throws<InvalidOperationException>(() => DetectorCatalog.Create(name)!.Score(DateTime.UnixEpoch, 1));
    }

    [Fact]
    public void A_fusion_takes_the_highest_or_the_mean_of_its_detectors_scores()
    {
        Assert.Equal(0.8, new FusionDetector(FusionRule.Max, new Fixed(0.2), new Fixed(0.8)).Score(DateTime.UnixEpoch, 1));
        Assert.Equal(0.5, new FusionDetector(FusionRule.Mean, new Fixed(0.2), new Fixed(0.8)).Score(DateTime.UnixEpoch, 1), 12);
    }

    private sealed class Fixed(double score) : IStreamingDetector
    {
        public double Score(DateTime timestamp, double value) => score;
    }
}
