using System.Globalization;
using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.Cli;

/// <summary>`ngctl nab run|score|detectors`: the Numenta Anomaly Benchmark, NAB's file layout and scoring.</summary>
public static class NabCommand
{
    public static int Detectors()
    {
        Console.WriteLine($"{DetectorCatalog.Default}   (default of nab run); device grains run {DetectorCatalog.Device}");
        foreach (var (name, description) in DetectorCatalog.All) Console.WriteLine($"  {name,-18} {description}");
        return 0;
    }

    public static int Run(CommandLine options)
    {
        var data = options.Text("data") ?? throw new UsageException("--data DIR is required");
        var detector = options.Text("detector") ?? DetectorCatalog.Default;
        var results = options.Text("out") ?? throw new UsageException("--out RESULTS is required");
        options.EnsureAllRead();
        try
        {
            var run = NabRunner.Run(data, detector, results, Console.Out);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{detector}: {run.Files} files ({run.Rows} rows) scored into {Path.Combine(results, detector)}; {run.NanosecondsPerRow:F0} ns/row, state kept {run.MeanStateBytes / 1024:F1} KB a file on average, {run.MaxStateBytes / 1024.0:F1} KB at most"));
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab run: {ex.Message}");
            return 1;
        }
    }

    public static int Score(CommandLine options)
    {
        var results = options.Text("results") ?? throw new UsageException("--results RESULTS is required");
        var labels = options.Text("labels") ?? throw new UsageException("--labels FILE is required");
        options.EnsureAllRead();
        try
        {
            Console.WriteLine($"{"detector",-18} {"profile",-20} {"score",8} {"threshold",10}   per category at that threshold: raw (null, perfect) normalised");
            foreach (var score in NabScorer.ScoreAll(results, labels))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Detector,-18} {score.Profile.Name,-20} {score.Score,8:F2} {score.Threshold,10:F4}"));
                foreach (var category in score.Categories) Console.WriteLine($"    {Describe(category)}");
            }
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab score: {ex.Message}");
            return 1;
        }
    }

    public static int CrossValidate(CommandLine options)
    {
        var results = options.Text("results") ?? throw new UsageException("--results RESULTS is required");
        var labelsFile = options.Text("labels") ?? throw new UsageException("--labels FILE is required");
        var names = options.Text("detectors")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ors = options.Text("or")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        options.EnsureAllRead();
        try
        {
            var labels = NabCorpus.ReadLabels(labelsFile);
            names ??= Directory.Exists(results) ? [.. Directory.EnumerateDirectories(results).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)] : [];
            var read = new Dictionary<string, NabCandidate>(StringComparer.Ordinal);
            NabCandidate Read(string name) => read.TryGetValue(name, out var found) ? found
                : read[name] = NabCandidate.Of(name, NabScorer.ReadResults(Path.Combine(results, name), name, labels));
            var candidates = names.Select(Read).ToList();
            candidates.AddRange(ors.Select(or => NabCandidate.Or(or, [.. or.Split('+').Select(Read)])));

            foreach (var candidate in candidates)
            {
                Console.WriteLine($"{candidate.Name}: all files (threshold swept on them), then leave one category out (chosen on the others; held-out raw (null, perfect) normalised)");
                foreach (var (profile, score, threshold) in NabCrossValidation.InSample(candidate))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {profile.Name,-20} all files {score,6:F2} at {threshold:F4}"));
                Print(NabCrossValidation.LeaveOneCategoryOut([candidate]));
            }
            if (candidates.Count > 1)
            {
                Console.WriteLine($"choosing among {string.Join(", ", candidates.Select(c => c.Name))} in each fold:");
                Print(NabCrossValidation.LeaveOneCategoryOut(candidates));
            }
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab cv: {ex.Message}");
            return 1;
        }

        static void Print(IEnumerable<NabCrossValidated> profiles)
        {
            foreach (var profile in profiles)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {profile.Profile.Name,-20} {Describe(profile.Pooled)}"));
                foreach (var fold in profile.Folds)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {Describe(fold.HeldOutScore)}  <- {fold.Chosen} at {fold.Threshold:F4} (training {fold.TrainingScore:F2})"));
            }
        }
    }

    private static string Describe(NabRawScore score) => string.Create(CultureInfo.InvariantCulture,
        $"{score.Name,-24} {score.Raw,9:F3} ({score.Null,8:F3}, {score.Perfect,7:F3}) {(score.Normalised is { } normalised ? normalised.ToString("F2", CultureInfo.InvariantCulture) : "(no windows: FP cost)"),7}");

    public static int Likelihood(CommandLine options)
    {
        var published = options.Text("results") ?? throw new UsageException("--results DIR/numenta is required");
        var results = options.Text("out") ?? throw new UsageException("--out RESULTS is required");
        var name = options.Text("name") ?? "numentalikelihood";
        options.EnsureAllRead();
        try
        {
            var files = NabLikelihoodReplay.Replay(published, results, name);
            Console.WriteLine($"{files} files' raw scores through the anomaly likelihood into {Path.Combine(results, name)}");
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab likelihood: {ex.Message}");
            return 1;
        }
    }

    public static int Compare(CommandLine options)
    {
        var results = options.Text("results") ?? throw new UsageException("--results RESULTS/NAME is required");
        var reference = options.Text("reference") ?? throw new UsageException("--reference DIR/NAME is required");
        var tolerance = options.Text("tolerance") is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var given) && given >= 0
                ? given : throw new UsageException("--tolerance must be a number >= 0")
            : 1e-6;
        options.EnsureAllRead();
        try
        {
            var files = NabAgreement.Compare(results, reference, tolerance).ToList();
            foreach (var file in files)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file.Key,-62} {file.Equal,6}/{file.Rows,-6} max |difference| {file.MaxDifference:G6}{(file.FirstDifferentRow >= 0 ? $", first at row {file.FirstDifferentRow}" : "")}"));
            var (rows, equal) = (files.Sum(f => f.Rows), files.Sum(f => f.Equal));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{files.Count} files: {equal} of {rows} rows ({100.0 * equal / Math.Max(1, rows):F3}%) within {tolerance:G3}, {files.Count(f => f.Equal == f.Rows)} files wholly; max |difference| {files.Select(f => f.MaxDifference).DefaultIfEmpty().Max():G6}"));
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab compare: {ex.Message}");
            return 1;
        }
    }
}
