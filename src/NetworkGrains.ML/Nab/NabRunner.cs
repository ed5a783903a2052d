using System.Diagnostics;
using System.Globalization;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Nab;

/// <summary>What a run cost: files, rows, the detector's time per row and the memory one file's detector kept at its end.</summary>
public sealed record NabRun(int Files, long Rows, double NanosecondsPerRow, double MeanStateBytes, long MaxStateBytes);

/// <summary>Runs a detector over every data file and writes NAB results: RESULTS/NAME/category/NAME_file.csv.</summary>
public static class NabRunner
{
    public static NabRun Run(string dataDirectory, string detectorName, string resultsDirectory, TextWriter progress)
    {
        if (DetectorCatalog.Create(detectorName) is null) throw new NabFormatException($"unknown detector '{detectorName}' (see `ngctl nab detectors`)");
        var labelsFile = Path.Combine(dataDirectory, "labels", "combined_windows.json");
        var labels = File.Exists(labelsFile) ? NabCorpus.ReadLabels(labelsFile) : [];
        var (files, rows, elapsed, stateTotal, stateMax) = (0, 0L, TimeSpan.Zero, 0L, 0L);
        foreach (var file in NabCorpus.ReadData(dataDirectory))
        {
            var scores = new double[file.Values.Length];
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var detector = DetectorCatalog.Create(detectorName)!;
            // NAB tells its detectors the file's range and length before the first row; the reproductions need them.
            if (detector is ISeriesRangeDetector ranged && scores.Length > 0) ranged.Begin(file.Values.Min(), file.Values.Max(), scores.Length);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < scores.Length; i++) scores[i] = detector.Score(file.Timestamps[i], file.Values[i]);
            var took = Stopwatch.GetElapsedTime(started);
            var state = Math.Max(0, GC.GetTotalMemory(forceFullCollection: true) - before);
            GC.KeepAlive(detector);

            var windows = labels.GetValueOrDefault(file.Key, []);
            var directory = Path.Combine(resultsDirectory, detectorName, file.Category);
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, $"{detectorName}_{file.FileName}"));
            writer.WriteLine("timestamp,value,anomaly_score,label");
            for (var i = 0; i < scores.Length; i++)
            {
                var label = windows.Any(w => w.Contains(file.Timestamps[i])) ? 1 : 0;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file.Timestamps[i]:yyyy-MM-dd HH:mm:ss},{file.Values[i]},{Math.Clamp(scores[i], 0, 1):R},{label}"));
            }
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {file.Key}: {scores.Length} rows, {took.TotalNanoseconds / Math.Max(1, scores.Length):F0} ns/row, {state / 1024.0:F1} KB kept"));
            (files, rows, elapsed, stateTotal, stateMax) = (files + 1, rows + scores.Length, elapsed + took, stateTotal + state, Math.Max(stateMax, state));
        }
        return new NabRun(files, rows, elapsed.TotalNanoseconds / Math.Max(1, rows), stateTotal / (double)Math.Max(1, files), stateMax);
    }
}
