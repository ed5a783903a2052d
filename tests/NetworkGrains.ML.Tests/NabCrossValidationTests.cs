using System.Globalization;
using NetworkGrains.ML.Nab;
using static NetworkGrains.ML.Nab.NabScorer;

namespace NetworkGrains.ML.Tests;

/// <summary>Leave-one-category-out on a tiny synthetic corpus: three categories of two files of 200 rows (probation 30).</summary>
public sealed class NabCrossValidationTests
{
    private const int Rows = 200;
    private static readonly (int Left, int Right)[] TwoWindows = [(100, 120), (160, 180)];

    /// <summary>A file of category/name with two windows (none in category C) scored by a rule of (row, its windows).</summary>
    private static ScoredFile File(string key, Func<int, (int Left, int Right)[], double> score)
    {
        var windows = key.StartsWith("C/", StringComparison.Ordinal) ? [] : TwoWindows;
        return new ScoredFile(key, [.. Enumerable.Range(0, Rows).Select(i => score(i, windows))], windows);
    }

    private static NabCandidate Candidate(string name, Func<string, int, (int Left, int Right)[], double> score) =>
        NabCandidate.Of(name, [.. new[] { "A/1.csv", "A/2.csv", "B/1.csv", "B/2.csv", "C/1.csv", "C/2.csv" }.Select(key => File(key, (i, w) => score(key, i, w)))]);

    private static bool AtLeftEdge(int i, (int Left, int Right)[] windows) => windows.Any(w => w.Left == i);

    /// <summary>Finds every window at its left edge (0.9); in C one false positive (0.95), before any window.</summary>
    private static readonly NabCandidate Steady = Candidate("steady", (key, i, w) => AtLeftEdge(i, w) ? 0.9 : key == "C/1.csv" && i == 50 ? 0.95 : 0);

    /// <summary>Finds B's windows only.</summary>
    private static readonly NabCandidate Lucky = Candidate("lucky", (key, i, w) => key.StartsWith('B') && AtLeftEdge(i, w) ? 0.9 : 0);

    [Fact]
    public void The_held_out_category_is_scored_at_the_threshold_chosen_on_the_others_not_swept_again()
    {
        var standard = NabCrossValidation.LeaveOneCategoryOut([Steady]).Single(p => p.Profile == NabProfile.Standard);

        Assert.Equal(["A", "B", "C"], standard.Folds.Select(f => f.HeldOut));
        Assert.All(standard.Folds, f => Assert.Equal(0.9, f.Threshold));
        Assert.Equal([8.0, 8.0, -0.11], standard.Folds.Select(f => Math.Round(f.HeldOutScore.Raw - f.HeldOutScore.Null, 9))); // 4 windows found (2 each); C pays its false positive
        var noWindows = standard.Folds[2].HeldOutScore;
        Assert.Null(noWindows.Normalised); // C has no windows: only its raw score (the false positives' cost) means something
        Assert.Equal(-0.11, noWindows.Raw, 9);
        Assert.Equal(100 * (7.89 + 8) / 16, standard.Pooled.Normalised!.Value, 9); // raw 4 + 4 - 0.11, null -8, perfect 8
    }

    [Fact]
    public void Each_fold_takes_the_candidate_that_scores_best_on_the_other_categories_even_where_it_fails()
    {
        var standard = NabCrossValidation.LeaveOneCategoryOut([Steady, Lucky]).Single(p => p.Profile == NabProfile.Standard);

        Assert.Equal(["lucky", "steady", "steady"], standard.Folds.Select(f => f.Chosen)); // without A, lucky is perfect on B and C
        Assert.Equal(100, standard.Folds[0].TrainingScore, 9);
        Assert.Equal(0, standard.Folds[0].HeldOutScore.Normalised!.Value, 9); // and finds none of A's windows
        Assert.Equal(100, standard.Folds[1].HeldOutScore.Normalised!.Value, 9);
    }

    [Fact]
    public void An_or_of_detectors_alarms_where_either_reaches_its_own_threshold()
    {
        // quiet finds first windows at 0.3 above a floor of 0.1; loud finds second windows at 0.9 above a floor of 0.5
        var quiet = Candidate("quiet", (_, i, w) => w.Length > 0 && i == w[0].Left ? 0.3 : 0.1);
        var loud = Candidate("loud", (_, i, w) => w.Length > 0 && i == w[1].Left ? 0.9 : 0.5);
        var either = NabCandidate.Or("quiet+loud", [quiet, loud]);

        Assert.All(NabCrossValidation.InSample(either), s => Assert.Equal(100, s.Score, 9));
        Assert.All(NabCrossValidation.LeaveOneCategoryOut([either]), p => Assert.Equal(100, p.Pooled.Normalised!.Value, 9));
        Assert.All(NabCrossValidation.InSample(quiet), s => Assert.True(s.Score < 100));
        var alone = NabCrossValidation.LeaveOneCategoryOut([quiet, loud]).Single(p => p.Profile == NabProfile.Standard);
        Assert.True(alone.Pooled.Normalised < 100);
    }

    [Fact]
    public void A_fixed_threshold_at_the_swept_best_gives_the_swept_score()
    {
        var files = Candidate("noisy", (key, i, w) => AtLeftEdge(i, w) ? 0.8 : (i * 37 + key.Length) % 101 / 100.0).Fit(null, NabProfile.Standard);
        foreach (var profile in NabProfile.All)
        {
            var (score, threshold) = Score(files, profile);
            Assert.Equal(score, At("all", files, profile, threshold).Normalised!.Value, 9);
        }
    }

    [Fact]
    public void Candidates_must_cover_the_same_files_and_at_least_two_categories()
    {
        var fewer = NabCandidate.Of("fewer", [File("A/1.csv", (_, _) => 0), File("B/1.csv", (_, _) => 0)]);
        Assert.Throws<NabFormatException>(() => NabCrossValidation.LeaveOneCategoryOut([Steady, fewer]).ToList());
        var one = NabCandidate.Of("one", [File("A/1.csv", (_, _) => 0)]);
        Assert.Throws<NabFormatException>(() => NabCrossValidation.LeaveOneCategoryOut([one]).ToList());
        Assert.Throws<NabFormatException>(() => NabCrossValidation.LeaveOneCategoryOut([]).ToList());
    }

    [Fact]
    public void Scoring_results_gives_each_categorys_part_at_the_corpus_threshold_and_the_parts_add_up()
    {
        var root = Directory.CreateTempSubdirectory("ng-nab-cv-").FullName;
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string Time(int row) => start.AddMinutes(5 * row).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string[][]>();
        foreach (var file in Steady.Fit(null, NabProfile.Standard))
        {
            labels[file.Key] = [.. file.Windows.Select(w => new[] { Time(w.Left), Time(w.Right) })];
            var directory = Directory.CreateDirectory(Path.Combine(root, "results", "steady", file.Category)).FullName;
            System.IO.File.WriteAllLines(Path.Combine(directory, $"steady_{file.Key[2..]}"),
                ["timestamp,value,anomaly_score,label", .. file.Scores.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{Time(i)},1,{s},0"))]);
        }
        var labelsFile = Path.Combine(root, "labels.json");
        System.IO.File.WriteAllText(labelsFile, System.Text.Json.JsonSerializer.Serialize(labels));

        foreach (var score in ScoreAll(Path.Combine(root, "results"), labelsFile))
        {
            Assert.Equal(["A", "B", "C"], score.Categories.Select(c => c.Name));
            Assert.Equal(score.Score, NabRawScore.Sum("all", score.Categories).Normalised!.Value, 9);
            Assert.Equal(100, score.Categories[0].Normalised!.Value, 9);
            Assert.Null(score.Categories[2].Normalised);
        }
        Directory.Delete(root, recursive: true);
    }
}
