using System.Globalization;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.ML.Tests;

public sealed class NabScorerTests
{
    /// <summary>Writes results for every shared file with the score a rule gives each row (by row index and window rows).</summary>
    private static string WriteResults(string detector, Func<int, (int Left, int Right)[], double> score)
    {
        var results = Directory.CreateTempSubdirectory("ng-nab-").FullName;
        var labels = NabCorpus.ReadLabels(SharedNab.Labels);
        foreach (var file in NabCorpus.ReadData(SharedNab.Directory))
        {
            var windows = NabScorer.WindowRows(file.Timestamps, labels[file.Key]);
            var directory = Path.Combine(results, detector, file.Category);
            Directory.CreateDirectory(directory);
            File.WriteAllLines(Path.Combine(directory, $"{detector}_{file.FileName}"),
                ["timestamp,value,anomaly_score,label", .. file.Timestamps.Select((t, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd HH:mm:ss},{file.Values[i]},{score(i, windows)},0"))]);
        }
        return results;
    }

    private static Dictionary<string, double> Scores(string results) =>
        NabScorer.ScoreAll(results, SharedNab.Labels).ToDictionary(s => s.Profile.Name, s => s.Score);

    [Fact]
    public void A_detector_that_fires_at_every_window_left_edge_scores_100_in_every_profile()
    {
        var scores = Scores(WriteResults("perfect", (i, windows) => windows.Any(w => w.Left == i) ? 1 : 0));
        Assert.All(scores.Values, score => Assert.Equal(100, score, precision: 6));
        Assert.Equal(3, scores.Count);
    }

    [Fact]
    public void A_detector_that_never_fires_scores_0_and_one_that_always_fires_scores_no_better()
    {
        Assert.All(Scores(WriteResults("null", (_, _) => 0)).Values, score => Assert.Equal(0, score, precision: 6));
        Assert.All(Scores(WriteResults("always", (_, _) => 1)).Values, score => Assert.Equal(0, score, precision: 6)); // the sweep keeps "never"
    }

    [Fact]
    public void Late_detections_earn_less_than_early_ones_and_false_positives_cost()
    {
        var early = Scores(WriteResults("early", (i, windows) => windows.Any(w => w.Left + (w.Right - w.Left) / 4 == i) ? 1 : 0));
        var late = Scores(WriteResults("late", (i, windows) => windows.Any(w => w.Left + 3 * (w.Right - w.Left) / 4 == i) ? 1 : 0));
        var noisy = Scores(WriteResults("noisy", (i, windows) => windows.Any(w => w.Left == i) || i % 500 == 0 ? 1 : 0));
        Assert.InRange(late["standard"], 0.1, early["standard"] - 1);
        Assert.InRange(early["standard"], 50, 99.9);
        Assert.InRange(noisy["standard"], 0.1, 99.9);
        Assert.True(noisy["reward_low_FP_rate"] < noisy["standard"]);
    }

    [Fact]
    public void Results_that_miss_a_file_or_name_an_unlabelled_one_are_refused_with_the_reason()
    {
        var results = WriteResults("partial", (_, _) => 0);
        var removed = Directory.EnumerateFiles(results, "*.csv", SearchOption.AllDirectories).First();
        File.Move(removed, Path.Combine(Path.GetDirectoryName(removed)!, "partial_unknown.csv"));
        var error = Assert.Throws<NabFormatException>(() => NabScorer.ScoreAll(results, SharedNab.Labels).ToList());
        Assert.Contains("not in the labels", error.Message);
    }
}
