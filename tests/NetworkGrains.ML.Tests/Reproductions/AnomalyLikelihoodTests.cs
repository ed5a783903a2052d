using System.Globalization;
using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.ML.Tests.Reproductions;

/// <summary>Numenta's anomaly likelihood against the scores NAB published for HTM, and what it does with bad input.</summary>
public sealed class AnomalyLikelihoodTests
{
    private static readonly double LogHalf = AnomalyLikelihood.LogScale(0.5);

    [SharedNabTheory]
    [InlineData("realAWSCloudwatch/numenta_ec2_cpu_utilization_825cc2.csv")]
    [InlineData("artificialWithAnomaly/numenta_art_daily_jumpsup.csv")]
    [InlineData("artificialNoAnomaly/numenta_art_flatline.csv")] // a flat metric: the null distribution
    [InlineData("realAWSCloudwatch/numenta_iio_us-east-1_i-a2eb1cd9_NetworkIn.csv")] // 1,243 rows: another probation
    [InlineData("realAWSCloudwatch/numenta_ec2_disk_write_bytes_1ef3de.csv")]
    public void The_published_raw_scores_give_every_published_anomaly_score_to_the_12_digits_nab_wrote(string file)
    {
        var path = Path.Combine(SharedNab.Directory, "results", "numenta", file);
        var rows = NabLikelihoodReplay.Read(path);
        var published = NabCorpus.ReadCsv(path, ["timestamp", "value", "anomaly_score"]).Select(r => NabCorpus.ParseNumber(r[2], path)).ToArray();
        var score = NumentaScore.ForNab(rows.Length);

        var scores = rows.Select(r => score.Next(r.Value, r.Raw)).ToArray();
        var different = Enumerable.Range(0, rows.Length).Where(i => Printed(scores[i]) != published[i]).ToList();
        Assert.True(different.Count == 0, $"{different.Count} rows differ, the first {different.FirstOrDefault()}: {scores[different.FirstOrDefault()]:R} against {published[different.FirstOrDefault()]:R}");
        Assert.Contains(scores.Skip(NabProbation.Rows(rows.Length)), s => s != LogHalf && s != 1); // past the probation, likelihoods, not only 0.5 or spatial anomalies
    }

    [SharedNabTheory]
    [InlineData("realAWSCloudwatch/numenta_ec2_cpu_utilization_825cc2.csv")]
    public void Values_or_raw_scores_that_are_not_numbers_are_not_learnt_and_leave_the_next_rows_as_they_were(string file)
    {
        var rows = NabLikelihoodReplay.Read(Path.Combine(SharedNab.Directory, "results", "numenta", file));
        AssertBadInputChangesNothing(rows.Select(r => (r.Value, r.Raw)).ToArray(), NabProbation.Rows(rows.Length));
    }

    [Fact]
    public void Bad_input_never_poisons_the_state_of_a_synthetic_series()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 2_000).Select(i => (Value: 50 + 10 * Math.Sin(i / 20.0) + random.NextDouble(), Raw: i % 300 == 299 ? 1.0 : 0.1 * random.NextDouble())).ToArray();
        AssertBadInputChangesNothing(rows, probation: 300);
    }

    private static void AssertBadInputChangesNothing((double Value, double Raw)[] rows, int probation)
    {
        var clean = NumentaScore.ForNab(rows.Length);
        var expected = rows.Select(r => clean.Next(r.Value, r.Raw)).ToArray();
        (double Value, double Raw)[] bad = [(double.NaN, 0.5), (1, double.NaN), (double.PositiveInfinity, 0), (1, double.NegativeInfinity), (double.NegativeInfinity, double.PositiveInfinity)];
        int[] at = [2, probation - 1, probation, probation + 100, rows.Length - 50]; // before, at and after the first estimate, at a re-estimate

        var score = new NumentaScore(AnomalyLikelihood.ForNab(probation));
        var scores = new List<double>();
        for (var i = 0; i < rows.Length; i++)
        {
            var k = Array.IndexOf(at, i);
            if (k >= 0) Assert.Equal(0, score.Next(bad[k].Value, bad[k].Raw));
            scores.Add(score.Next(rows[i].Value, rows[i].Raw));
        }
        Assert.Equal(expected, scores);
        Assert.Equal(rows.Length, score.Likelihood.Count);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void The_probation_scores_one_half_and_a_burst_of_raw_surprise_after_a_quiet_run_scores_near_one()
    {
        var likelihood = new AnomalyLikelihood(learningPeriod: 100, estimationSamples: 100);
        var random = new Random(3);
        for (var i = 0; i < 200; i++) Assert.Equal(0.5, likelihood.Probability(random.NextDouble(), 0.05 * random.NextDouble()));
        var quiet = Enumerable.Range(0, 300).Select(_ => likelihood.Probability(random.NextDouble(), 0.05 * random.NextDouble())).ToList();
        var burst = Enumerable.Range(0, 5).Select(_ => likelihood.Probability(random.NextDouble(), 1.0)).ToList();

        Assert.All(quiet, p => Assert.InRange(p, 0, 0.999));
        Assert.True(burst.Max() > 0.99999, string.Join(", ", burst));
        Assert.Equal(LogHalf, AnomalyLikelihood.LogScale(0.5), 12);
        Assert.InRange(AnomalyLikelihood.LogScale(burst.Max()), 0.5, 1);
    }

    [Fact]
    public void A_flat_metric_gets_the_broad_null_distribution_whatever_its_raw_scores()
    {
        var likelihood = new AnomalyLikelihood(learningPeriod: 50, estimationSamples: 50);
        var probabilities = Enumerable.Range(0, 400).Select(i => likelihood.Probability(45, i % 7 == 0 ? 1 : 0)).Skip(100).ToList();
        Assert.All(probabilities, p => Assert.InRange(p, 0.49, 0.51));
    }

    [Fact]
    public void A_value_beyond_the_range_seen_by_more_than_5_percent_of_it_is_a_spatial_anomaly()
    {
        var spatial = new SpatialAnomaly();
        Assert.False(spatial.Next(10)); // nothing seen yet
        Assert.False(spatial.Next(10)); // no range yet
        Assert.False(spatial.Next(20));
        Assert.False(spatial.Next(20.5)); // within 5% of the range (0.5)
        Assert.True(spatial.Next(21.6)); // beyond 20.5 + 0.525
        Assert.True(spatial.Next(8.0));
    }

    [Fact]
    public void Erfc_agrees_with_the_c_librarys_on_both_of_its_methods_and_both_signs()
    {
        // the C library's values (CPython 3); CPython 2.7's own series loses a few last bits near 1.5, as the original did
        (double X, double Expected)[] cases = [(0, 1), (0.5, 0.4795001221869535), (1.4, 0.04771488023735121), (2, 0.004677734981047265), (-1, 1.842700792949715), (30, 0)];
        foreach (var (x, expected) in cases) Assert.True(Math.Abs(Py27Math.Erfc(x) - expected) <= 1e-15, $"erfc({x}) = {Py27Math.Erfc(x):R}");
        Assert.True(double.IsNaN(Py27Math.Erfc(double.NaN)));
    }

    [Fact]
    public void Sums_are_numpys_pairwise_sums_in_eight_lanes_not_running_sums()
    {
        double[] values = [.. Enumerable.Repeat(1.0, 15), Math.Pow(2, 53)];
        Assert.Equal(Math.Pow(2, 53) + 14, NumpyStatistics.Sum(values)); // lanes of 2, and 2^53 + 1 rounded to 2^53 in the last lane
        Assert.Equal(Math.Pow(2, 53) + 16, values.Aggregate(0.0, (sum, v) => sum + v)); // a running sum rounds 2^53 + 15 up
        Assert.Equal(2.5, NumpyStatistics.Mean([1, 2, 3, 4]));
        Assert.Equal(1.25, NumpyStatistics.Variance([1, 2, 3, 4]));
        var many = Enumerable.Range(0, 1_000).Select(i => i * 0.1).ToArray();
        Assert.Equal(many.Sum(), NumpyStatistics.Sum(many), 9);
    }

    private static double Printed(double score) => double.Parse(score.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
