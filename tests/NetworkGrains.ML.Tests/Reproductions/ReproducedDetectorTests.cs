using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;
using Xunit.Abstractions;

namespace NetworkGrains.ML.Tests.Reproductions;

/// <summary>The reproductions of NAB's detectors against the results NAB published for them, row by row.</summary>
public sealed class ReproducedDetectorTests(ITestOutputHelper output)
{
    private const string Cpu = "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv";
    private const string Jumps = "artificialWithAnomaly/art_daily_jumpsup.csv";
    private const string Short = "realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv"; // 1,243 rows: another probation

    public static TheoryData<string, string, string> Published => new()
    {
        { CadOseDetector.Name, "contextOSE", Cpu }, { CadOseDetector.Name, "contextOSE", Jumps }, { CadOseDetector.Name, "contextOSE", Short },
        { ArtimeDetector.Name, "ARTime", Cpu }, { ArtimeDetector.Name, "ARTime", Jumps }, { ArtimeDetector.Name, "ARTime", Short },
        { KnnCadDetector.Name, "knncad", Cpu }, { KnnCadDetector.Name, "knncad", Jumps }, { KnnCadDetector.Name, "knncad", Short },
    };

    public static TheoryData<string> Reproductions => [CadOseDetector.Name, ArtimeDetector.Name, KnnCadDetector.Name];

    [SharedNabTheory]
    [MemberData(nameof(Published))]
    public void Every_row_scores_as_in_the_published_results(string name, string published, string key)
    {
        var file = File(key);
        var scores = Run(Begun(name, file), file.Values);
        var path = Path.Combine(SharedNab.Directory, "results", published, file.Category, $"{published}_{file.FileName}");
        var reference = NabCorpus.ReadCsv(path, ["timestamp", "value", "anomaly_score"]).Select(r => NabCorpus.ParseNumber(r[2], path)).ToArray();

        Assert.Equal(reference.Length, scores.Length);
        var different = Enumerable.Range(0, scores.Length).Where(i => Math.Abs(scores[i] - reference[i]) > 1e-9).ToList();
        Assert.True(different.Count == 0, $"{different.Count} rows differ, the first {different.FirstOrDefault()}: {scores[different.FirstOrDefault()]} against {reference[different.FirstOrDefault()]}");
        Assert.Contains(scores, s => s > 0); // the comparison saw scores, not only zeros
    }

    [SharedNabTheory]
    [MemberData(nameof(Reproductions))]
    public void Values_that_are_not_numbers_or_lie_outside_the_range_score_0_and_leave_the_next_rows_as_they_were(string name)
    {
        var file = File(Cpu);
        var clean = Run(Begun(name, file), file.Values);
        double[] bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, file.Values.Max() + 1, file.Values.Min() - 1];
        var at = new[] { 3, 700, 1_500, 2_500, 3_000, 3_500, 4_000 }; // in the window fill, the probation and after it

        var detector = Begun(name, file);
        var scores = new List<double>();
        for (var i = 0; i < file.Values.Length; i++)
        {
            var k = Array.IndexOf(at, i);
            if (k >= 0) Assert.Equal(0, detector.Score(file.Timestamps[i], bad[k]));
            scores.Add(detector.Score(file.Timestamps[i], file.Values[i]));
        }
        Assert.Equal(clean, scores);
    }

    [Theory]
    [MemberData(nameof(Reproductions))]
    public void Scoring_before_the_range_is_given_is_refused(string name)
    {
        var detector = DetectorCatalog.Create(name)!;
        Assert.Throws<InvalidOperationException>(() => detector.Score(DateTime.UnixEpoch, 1));
    }

    [SharedNabTheory]
    [InlineData(Cpu)]
    [InlineData("artificialNoAnomaly/art_noisy.csv")]
    public void The_context_memory_of_cad_ose_grows_with_the_rows_it_sees(string key)
    {
        var file = File(key);
        var detector = (CadOseDetector)Begun(CadOseDetector.Name, file);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var contexts = new List<int>();
        for (var i = 0; i < file.Values.Length; i++)
        {
            detector.Score(file.Timestamps[i], file.Values[i]);
            if ((i + 1) % 1_000 == 0) contexts.Add(detector.Memory.ContextCount);
        }
        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(detector);

        output.WriteLine($"{key}: contexts every 1,000 rows {string.Join(", ", contexts)}; {detector.Memory.SemiContextCount} semi-contexts; about {kept / 1024} KB kept");
        Assert.True(contexts.Zip(contexts.Skip(1)).All(p => p.Second >= p.First) && contexts[^1] > contexts[0], string.Join(", ", contexts));
    }

    private static NabFile File(string key) => NabCorpus.ReadData(SharedNab.Directory).Single(f => f.Key == key);

    private static IStreamingDetector Begun(string name, NabFile file)
    {
        var detector = (ISeriesRangeDetector)DetectorCatalog.Create(name)!;
        detector.Begin(file.Values.Min(), file.Values.Max(), file.Values.Length);
        return detector;
    }

    private static double[] Run(IStreamingDetector detector, double[] values) =>
        values.Select((value, i) => detector.Score(DateTime.UnixEpoch.AddMinutes(5 * i), value)).ToArray();
}
