using System.Globalization;
using NetworkGrains.ML.Detectors;
using NetworkGrains.ML.Nab;

namespace NetworkGrains.Cli;

/// <summary>`ngctl nab run|score|detectors`: the Numenta Anomaly Benchmark, NAB's file layout and scoring.</summary>
public static class NabCommand
{
    public static int Detectors()
    {
        Console.WriteLine($"{DetectorCatalog.Default}   (default)");
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
            var files = NabRunner.Run(data, detector, results, Console.Out);
            Console.WriteLine($"{detector}: {files} files scored into {Path.Combine(results, detector)}");
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
            Console.WriteLine($"{"detector",-18} {"profile",-20} {"score",8} {"threshold",10}");
            foreach (var score in NabScorer.ScoreAll(results, labels))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score.Detector,-18} {score.Profile.Name,-20} {score.Score,8:F2} {score.Threshold,10:F4}"));
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ngctl nab score: {ex.Message}");
            return 1;
        }
    }
}
