using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;
using Xunit.Abstractions;

namespace NetworkGrains.ML.Tests.Reproductions;

/// <summary>
/// How closely <see cref="ArtStreamDetector"/> follows the faithful <see cref="ArtimeDetector"/> on the shared NAB files,
/// with each of its departures alone and all together: the alarms (rows scoring at least the detector's best
/// standard-profile threshold) that coincide, and the NAB scores of both. The floors are the measured agreement less a margin.
/// </summary>
public sealed class ArtStreamFidelityTests(ITestOutputHelper output)
{
    private const int Near = 7; // one downsampling step at 750 learning rows

    private static readonly Lazy<(List<NabFile> Files, List<(int, int)[]> Windows, Run Reference)> Corpus = new(() =>
    {
        var files = NabCorpus.ReadData(SharedNab.Directory).ToList();
        var labels = NabCorpus.ReadLabels(SharedNab.Labels);
        var windows = files.Select(f => NabScorer.WindowRows(f.Timestamps, labels[f.Key])).ToList();
        return (files, windows, Measure(files, windows, file =>
        {
            var artime = new ArtimeDetector();
            artime.Begin(file.Values.Min(), file.Values.Max(), file.Values.Length);
            return artime;
        }));
    });

    public static TheoryData<string, double, double> Variants => new()
    {
        // variant, floor of the share of artime's alarms met within one step, floor of the NAB standard score
        { "file probation, file range, no cap", 99.9, 69.5 },
        { "file probation, file range, 32 categories", 75, 64 },
        { "file probation, range seen so far, no cap", 55, 58 },
        { "750 learning rows, file range, no cap", 40, 55 },
        { "default: 750 learning rows, range seen so far, 32 categories", 37, 50 },
    };

    [SharedNabTheory]
    [MemberData(nameof(Variants))]
    public void Its_alarms_follow_artime_on_the_shared_files(string variant, double metFloor, double scoreFloor)
    {
        var (files, windows, reference) = Corpus.Value;
        var run = Measure(files, windows, file => new ArtStreamDetector(Options(variant, file)));

        var (both, either, met, confirmed) = (0L, 0L, 0L, 0L);
        for (var f = 0; f < files.Count; f++)
        {
            var (ours, theirs) = (run.Scores[f], reference.Scores[f]);
            for (var i = 0; i < ours.Length; i++)
            {
                var (alarm, referenceAlarm) = (ours[i] >= run.Threshold, theirs[i] >= reference.Threshold);
                if (alarm && referenceAlarm) both++;
                if (alarm || referenceAlarm) either++;
                if (referenceAlarm && AlarmNear(ours, i, run.Threshold)) met++;
                if (alarm && AlarmNear(theirs, i, reference.Threshold)) confirmed++;
            }
        }
        var referenceAlarms = reference.Scores.Sum(s => s.Count(x => x >= reference.Threshold));
        var alarms = run.Scores.Sum(s => s.Count(x => x >= run.Threshold));
        var metShare = 100.0 * met / referenceAlarms;
        output.WriteLine($"artime: NAB {reference.Nab}, {referenceAlarms} alarms at {reference.Threshold:F4}");
        output.WriteLine($"{variant}: NAB {run.Nab}, {alarms} alarms at {run.Threshold:F4}; the same rows {both} ({100.0 * both / either:F1}% of rows where either alarms); " +
            $"artime's met within {Near} rows {metShare:F1}%, ours met by artime's {100.0 * confirmed / alarms:F1}%; saved state {run.SavedMean / 1024:F2} KB a file, {run.SavedMax / 1024.0:F2} KB at most");

        Assert.True(metShare >= metFloor, $"{metShare:F1}% of artime's alarms met, the floor is {metFloor}%");
        Assert.True(run.Standard >= scoreFloor, $"NAB standard {run.Standard:F2}, the floor is {scoreFloor}");
    }

    [SharedNabTheory]
    [InlineData("realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv")]
    [InlineData("artificialWithAnomaly/art_daily_jumpsup.csv")]
    [InlineData("realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv")]
    public void Told_the_files_probation_and_range_without_a_cap_it_scores_every_row_as_artime_within_its_16_bit_weights(string key)
    {
        var file = Corpus.Value.Files.Single(f => f.Key == key);
        var reference = Corpus.Value.Reference.Scores[Corpus.Value.Files.IndexOf(file)];
        var detector = new ArtStreamDetector(Options("file probation, file range, no cap", file));
        var scores = file.Values.Select((v, i) => detector.Score(file.Timestamps[i], v)).ToArray();

        var equal = scores.Where((s, i) => Math.Abs(s - reference[i]) <= 1e-6).Count();
        var nonzero = reference.Count(s => s > 0);
        output.WriteLine($"{key}: {equal} of {scores.Length} rows within 1e-6, {nonzero} of artime's scores above 0, the largest difference {scores.Select((s, i) => Math.Abs(s - reference[i])).Max():G4}");
        Assert.True(nonzero > 0);
        Assert.True(scores.Length - equal <= 3, $"{scores.Length - equal} rows differ");
    }

    private static ArtStreamOptions Options(string variant, NabFile file)
    {
        var learning = variant.StartsWith("file probation", StringComparison.Ordinal) ? NabProbation.Rows(file.Values.Length) : 750;
        var range = variant.Contains("file range", StringComparison.Ordinal) ? (file.Values.Min(), file.Values.Max()) : ((double, double)?)null;
        var categories = variant.Contains("no cap", StringComparison.Ordinal) ? int.MaxValue : 32;
        return new ArtStreamOptions(learning, categories, range);
    }

    private static bool AlarmNear(double[] scores, int row, double threshold)
    {
        for (var i = Math.Max(0, row - Near); i <= Math.Min(scores.Length - 1, row + Near); i++)
            if (scores[i] >= threshold) return true;
        return false;
    }

    private sealed record Run(double[][] Scores, double Threshold, double Standard, string Nab, double SavedMean, int SavedMax);

    private static Run Measure(List<NabFile> files, List<(int, int)[]> windows, Func<NabFile, IStreamingDetector> create)
    {
        var saved = new List<int>();
        var scores = files.Select(file =>
        {
            var detector = create(file);
            var result = file.Values.Select((v, i) => detector.Score(file.Timestamps[i], v)).ToArray();
            if (detector is ArtStreamDetector streaming) saved.Add(streaming.Save().Length);
            return result;
        }).ToArray();
        var scored = files.Select((f, k) => new NabScorer.ScoredFile(f.Key, scores[k], windows[k])).ToList();
        var nab = NabProfile.All.Select(p => NabScorer.Score(scored, p)).ToArray();
        return new Run(scores, nab[0].Threshold, nab[0].Score, string.Join(" / ", nab.Select(n => n.Score.ToString("F2"))),
            saved.DefaultIfEmpty().Average(), saved.DefaultIfEmpty().Max());
    }
}
