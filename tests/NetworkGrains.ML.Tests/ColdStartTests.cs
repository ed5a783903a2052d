using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.ML.Tests;

public sealed class ColdStartTests
{
    private const double Alarm = 0.999;
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Alternately 9 and 11: median 10, MAD 1, one robust deviation 1.4826.</summary>
    private static ColdStartRule Rule(int points)
    {
        var rule = new ColdStartRule();
        for (var i = 0; i < points; i++) Learn(rule, i % 2 == 0 ? 9 : 11);
        return rule;
    }

    [Fact]
    public void Thirty_points_then_a_value_eight_robust_deviations_out_is_extreme_and_not_before_or_nearer()
    {
        Assert.True(Rule(30).Score(10 + 8.0001 * 1.4826, Alarm) >= Alarm);
        Assert.True(Rule(30).Score(10 - 8.0001 * 1.4826, Alarm) >= Alarm);
        Assert.Equal(0, Rule(30).Score(10 + 7.9 * 1.4826, Alarm));
        Assert.Equal(0, Rule(29).Score(1_000, Alarm));
        Assert.Equal(0, Rule(29).Deviation(1_000));
        Assert.Equal(8.0001, Rule(30).Deviation(10 + 8.0001 * 1.4826), precision: 6);
    }

    [Fact]
    public void Further_out_scores_higher_and_the_band_is_the_median_give_or_take_eight_deviations()
    {
        var rule = Rule(100);
        Assert.True(rule.Score(10 + 30 * 1.4826, Alarm) > rule.Score(10 + 10 * 1.4826, Alarm));
        Assert.True(rule.Score(10 + 100 * 1.4826, Alarm) >= 0.99999);
        var (low, high) = Rule(30).Band; // exact over the first 32 points
        Assert.Equal(10 - 8 * 1.4826, low, precision: 9);
        Assert.Equal(10 + 8 * 1.4826, high, precision: 9);
    }

    [Fact]
    public void A_value_within_the_range_already_seen_is_not_extreme_again()
    {
        var rule = Rule(100);
        Learn(rule, 60); // an extreme once
        for (var i = 0; i < 20; i++) Learn(rule, i % 2 == 0 ? 9 : 11);
        Assert.Equal(0, rule.Score(55, Alarm));
        Assert.True(rule.Score(70, Alarm) >= Alarm);
    }

    [Theory]
    [InlineData(0, 1)]            // a count that is always 0, then 1
    [InlineData(5, 6)]            // a gauge that never moved, then one more
    [InlineData(40, 41)]
    [InlineData(0, 1.0 / 60)]     // a counter's rate that is 0 most of the time: one error in a minute's poll
    [InlineData(0, 3)]
    public void A_flat_series_does_not_alarm_on_its_first_small_move(double flat, double next)
    {
        var rule = new ColdStartRule();
        for (var i = 0; i < 100; i++) Learn(rule, flat);
        Assert.Equal(0, rule.Score(next, Alarm));
    }

    [Fact]
    public void A_flat_series_still_alarms_on_a_burst()
    {
        var errors = new ColdStartRule();
        for (var i = 0; i < 100; i++) Learn(errors, 0);
        Assert.True(errors.Score(250, Alarm) >= Alarm);

        var load = new ColdStartRule();
        for (var i = 0; i < 100; i++) Learn(load, 40);
        Assert.True(load.Score(98, Alarm) >= Alarm);
    }

    [Fact]
    public void With_a_prior_from_its_peers_a_series_judges_from_its_first_point_and_its_own_summary_takes_over()
    {
        var peers = PeerPrior.Pool([new(5, 0.6), new(5.2, 0.5), new(4.9, 0.7), new(5.1, 0.6), new(5.05, 0.6)])!.Value;
        var rule = new ColdStartRule();
        Assert.Equal(0, rule.Score(400, Alarm));
        rule.Seed(peers);
        Assert.True(rule.Score(400, Alarm) >= Alarm);
        Assert.Equal(0, rule.Score(6, Alarm));

        for (var i = 0; i < ColdStartRule.MinimumPoints; i++) Learn(rule, i % 2 == 0 ? 100 : 104); // its own level is far from its peers'
        Assert.Equal(102, rule.Median);
        Assert.Equal(0, rule.Score(103, Alarm));
    }

    [Fact]
    public void A_pooled_prior_needs_five_series_and_never_calls_a_peer_s_usual_value_extreme()
    {
        Assert.Null(PeerPrior.Pool([new(1, 1), new(2, 1), new(3, 1), new(4, 1)]));
        var sizes = PeerPrior.Pool([new(1e6, 1e4), new(2e6, 2e4), new(3e7, 3e5), new(4e6, 4e4), new(3e6, 3e4)])!.Value;
        var rule = new ColdStartRule();
        rule.Seed(sizes);
        Assert.Equal(0, rule.Score(3e7, Alarm));
        Assert.Equal(0, rule.Score(1e6, Alarm));
    }

    [Fact]
    public void Points_closer_than_a_minute_are_learnt_once_a_minute_but_judged_all()
    {
        var rule = new ColdStartRule();
        for (var i = 0; i < 6 * 29; i++) rule.Add(Start.AddSeconds(10 * i), i % 2 == 0 ? 9 : 11); // 10-second polls for 29 minutes
        Assert.Equal(29, rule.Count);
        Assert.False(rule.IsReady);
        rule.Add(Start.AddMinutes(29), 9);
        Assert.True(rule.Score(100, Alarm) >= Alarm);
    }

    [Theory]
    [InlineData(60)]     // a gauge that counts up a minute at a time (the tests' ramps)
    [InlineData(10)]     // sysUpTime, polled every 10 s
    public void A_steady_ramp_is_never_extreme(int seconds)
    {
        var rule = new ColdStartRule();
        for (var i = 0; i < 5_000; i++)
        {
            var value = i * (seconds * 100.0);
            Assert.Equal(0, rule.Score(value, Alarm));
            rule.Add(Start.AddSeconds(i * seconds), value);
        }
    }

    [Fact]
    public void A_young_series_summary_for_its_peers_is_no_surer_than_a_quarter_of_its_range()
    {
        var rule = new ColdStartRule();
        foreach (var value in new double[] { 137, 138, 137, 130, 146 }) Learn(rule, value);
        Assert.Null(rule.Summary(6));
        Assert.Equal(new PeerPrior(137, (146 - 130) / 4.0), rule.Summary(3));

        var grown = Rule(40);
        Assert.Equal(1.4826, grown.Summary(3)!.Value.Scale, precision: 1); // its tracked scale, once its exact start is over
    }

    [Fact]
    public void A_rule_saved_and_read_back_judges_as_before()
    {
        var rule = Rule(40);
        rule.Seed(new PeerPrior(1, 1)); // ignored: ready on its own
        var copy = new ColdStartRule();
        copy.Read(new BinaryReader(new MemoryStream(Bytes(rule.Write))));
        Assert.Equal(rule.Score(30, Alarm), copy.Score(30, Alarm));
        Assert.Equal(Bytes(rule.Write), Bytes(copy.Write));
    }

    [Fact]
    public void NaN_infinities_and_absurd_values_never_reach_the_state_of_the_layer_or_the_detector_inside()
    {
        var random = new Random(5);
        var layer = new ColdStartLayer(new CompactRarityDetector(Alarm), Alarm, new(332, 1_032));
        var plain = new CompactRarityDetector(Alarm);
        for (var i = 0; i < 700; i++)
        {
            var value = 40 + random.NextDouble() * 10;
            layer.Score(Start.AddMinutes(i), value);
            plain.Score(Start.AddMinutes(i), value);
        }
        var (layerBefore, detectorBefore) = (Bytes(layer.Write), ((CompactRarityDetector)layer.Detector).Save());

        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, float.MaxValue, 2e15 })
            Assert.Equal(0, layer.Score(Start.AddMinutes(700), bad));

        Assert.Equal(layerBefore, Bytes(layer.Write));
        Assert.Equal(detectorBefore, ((CompactRarityDetector)layer.Detector).Save());
        Assert.Equal(plain.Save(), ((CompactRarityDetector)layer.Detector).Save());
        Assert.True(ColdStartLayer.IsMeasurement(1e15));
    }

    [Fact]
    public void A_NaN_enters_neither_a_median_tracker_nor_a_rarity_histogram()
    {
        var tracker = new MedianTracker(0.01, 100);
        var tail = new DecayingTail(memory: 100, learning: 0);
        for (var i = 0; i < 50; i++)
        {
            tracker.Add(i);
            tail.Next(i);
        }
        var (trackerBefore, tailBefore) = (Bytes(tracker.Write), Bytes(tail.Write));

        tracker.Add(double.NaN);
        tracker.Add(double.PositiveInfinity);
        Assert.Equal(0, tail.Next(double.NaN));

        Assert.Equal(trackerBefore, Bytes(tracker.Write));
        Assert.Equal(tailBefore, Bytes(tail.Write));
    }

    [Fact]
    public void The_rule_counts_alone_until_the_detector_ranks_points_then_with_its_agreement_then_not_at_all()
    {
        // A detector that thinks little of every point (0.5), or that ranks every point among its rarest (0.995).
        var doubtful = Layer(0.5);
        Feed(doubtful, 100);
        Assert.True(doubtful.Score(Start.AddMinutes(doubtful.Seen), 1_000) >= Alarm);
        Assert.True(doubtful.LastRuleScore >= Alarm);
        Assert.InRange(doubtful.LastRuleExpectation!.Value.Median, 9.5, 10.5);

        Feed(doubtful, 200);
        Assert.Equal(0.5, doubtful.Score(Start.AddMinutes(doubtful.Seen), 2_000));

        var agreeing = Layer(0.995);
        Feed(agreeing, 300);
        Assert.True(agreeing.Score(Start.AddMinutes(agreeing.Seen), 2_000) >= Alarm);
        Feed(agreeing, 1_000);
        Assert.Equal(0.995, agreeing.Score(Start.AddMinutes(agreeing.Seen), 5_000));
    }

    /// <summary>
    /// The layer as device grains run it (threshold 0.999; the default detector ranks points from 332, reaches
    /// 0.999 from 1,032), and at NAB's alarm (0.99): NAB scores it as the detector alone in every profile.
    /// </summary>
    [Theory]
    [InlineData(Alarm)]
    [InlineData(CompactRarityDetector.NabAlarm)]
    public void On_NAB_the_layer_scores_as_the_default_detector_alone(double alarm)
    {
        var labels = NabCorpus.ReadLabels(SharedNab.Labels);
        var files = NabCorpus.ReadData(SharedNab.Directory).ToList();
        List<NabScorer.ScoredFile> Run(Func<IStreamingDetector> create) => [.. files.Select(file =>
        {
            var detector = create();
            var scores = file.Values.Select((value, i) => Math.Clamp(detector.Score(file.Timestamps[i], value), 0, 1)).ToArray();
            return new NabScorer.ScoredFile(file.Key, scores, NabScorer.WindowRows(file.Timestamps, labels.GetValueOrDefault(file.Key, [])));
        })];

        var alone = Run(() => new CompactRarityDetector(alarm));
        var layered = Run(() => new ColdStartLayer(new CompactRarityDetector(alarm), alarm, new(332, 1_032)));
        foreach (var profile in NabProfile.All)
            Assert.True(NabScorer.Score(layered, profile).Score >= NabScorer.Score(alone, profile).Score - 1e-9, profile.Name);
    }

    /// <summary>A point a minute after the last one learnt: every point is learnt.</summary>
    private static void Learn(ColdStartRule rule, double value) => rule.Add(Start.AddMinutes(rule.Count), value);

    private static ColdStartLayer Layer(double detectorScore) => new(new Constant(detectorScore), Alarm, new(300, 1_000));

    private static void Feed(ColdStartLayer layer, int points)
    {
        for (var i = 0; i < points; i++) layer.Score(Start.AddMinutes(layer.Seen), i % 2 == 0 ? 9 : 11);
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer)) write(writer);
        return buffer.ToArray();
    }

    private sealed class Constant(double score) : IStreamingDetector
    {
        public double Score(DateTime timestamp, double value) => score;
    }
}
