using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.ML.Tests;

public sealed class DetectorTests
{
    public static TheoryData<string> Names() => [.. DetectorCatalog.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Scores_of_a_prefix_do_not_change_when_more_rows_follow_and_stay_within_0_and_1(string name)
    {
        var file = NabCorpus.ReadData(SharedNab.Directory).First(f => f.Key.EndsWith("ec2_cpu_utilization_825cc2.csv", StringComparison.Ordinal));
        var full = Run(name, file, file.Values.Length);
        var prefix = Run(name, file, file.Values.Length / 2);
        Assert.Equal(prefix, full[..prefix.Length]);
        Assert.All(full, score => Assert.InRange(score, 0, 1));
    }

    [Theory]
    [InlineData(DetectorCatalog.Device)]
    [InlineData(RobustRarityDetector.Name)]
    public void The_device_detectors_raise_one_alarm_at_a_level_shift_and_rarely_one_in_the_noise_before_it(string name)
    {
        var random = new Random(3);
        var detector = DetectorCatalog.Create(name)!;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var scores = Enumerable.Range(0, 2_000)
            .Select(i => detector.Score(start.AddMinutes(5 * i), (i < 1_500 ? 10 : 25) + random.NextDouble()))
            .ToArray();
        const double alarm = 0.99; // the top 1% of surprises
        Assert.True(scores[1_500..1_505].Max() >= alarm, $"after the shift: {scores[1_500..1_505].Max()}");
        Assert.InRange(scores[1_505..1_600].Count(s => s >= alarm), 0, 0); // one alarm per episode
        Assert.InRange(scores[500..1_500].Count(s => s >= alarm), 0, 5);
    }

    [Fact]
    public void The_device_detector_learns_a_daily_batch_spike_and_still_raises_a_larger_one()
    {
        var random = new Random(4);
        var detector = DetectorCatalog.Create(DetectorCatalog.Device)!;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var spikeRows = Enumerable.Range(0, 14).Select(day => day * 288 + 40 + random.Next(-6, 7)).ToHashSet(); // ~03:20, drifting
        const int largerSpike = 12 * 288 + 150;
        var scores = Enumerable.Range(0, 14 * 288)
            .Select(i => detector.Score(start.AddMinutes(5 * i), 1 + random.NextDouble() * 0.1 + (spikeRows.Contains(i) ? 20 : 0) + (i == largerSpike ? 40 : 0)))
            .ToArray();

        const double alarm = 0.99;
        var dailyAlarms = spikeRows.Where(row => row >= 5 * 288).Count(row => scores[row..(row + 2)].Max() >= alarm);
        Assert.InRange(dailyAlarms, 0, 1);
        Assert.True(scores[largerSpike..(largerSpike + 2)].Max() >= alarm, $"the larger spike: {scores[largerSpike]}");
    }

    [Fact]
    public void Unknown_detector_names_are_not_guessed()
    {
        Assert.Null(DetectorCatalog.Create("htm"));
        Assert.Contains(DetectorCatalog.All, d => d.Name == DetectorCatalog.Default);
        Assert.Contains(DetectorCatalog.All, d => d.Name == DetectorCatalog.Device);
        Assert.All(DetectorCatalog.All, d => Assert.DoesNotContain('_', d.Name)); // NAB splits file names on it
    }

    private static double[] Run(string name, NabFile file, int rows)
    {
        var detector = DetectorCatalog.Create(name)!;
        if (detector is ISeriesRangeDetector ranged) ranged.Begin(file.Values.Min(), file.Values.Max(), file.Values.Length); // as NAB: the whole file's
        return Enumerable.Range(0, rows).Select(i => detector.Score(file.Timestamps[i], file.Values[i])).ToArray();
    }
}
