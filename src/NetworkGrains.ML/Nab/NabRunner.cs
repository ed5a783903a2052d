using System.Globalization;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Nab;

/// <summary>Runs a detector over every data file and writes NAB results: RESULTS/NAME/category/NAME_file.csv.</summary>
public static class NabRunner
{
    public static int Run(string dataDirectory, string detectorName, string resultsDirectory, TextWriter progress)
    {
        if (DetectorCatalog.Create(detectorName) is null) throw new NabFormatException($"unknown detector '{detectorName}' (see `ngctl nab detectors`)");
        var labelsFile = Path.Combine(dataDirectory, "labels", "combined_windows.json");
        var labels = File.Exists(labelsFile) ? NabCorpus.ReadLabels(labelsFile) : [];
        var files = 0;
        foreach (var file in NabCorpus.ReadData(dataDirectory))
        {
            var detector = DetectorCatalog.Create(detectorName)!;
            var windows = labels.GetValueOrDefault(file.Key, []);
            var directory = Path.Combine(resultsDirectory, detectorName, file.Category);
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, $"{detectorName}_{file.FileName}"));
            writer.WriteLine("timestamp,value,anomaly_score,label");
            for (var i = 0; i < file.Values.Length; i++)
            {
                var score = Math.Clamp(detector.Score(file.Timestamps[i], file.Values[i]), 0, 1);
                var label = windows.Any(w => w.Contains(file.Timestamps[i])) ? 1 : 0;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file.Timestamps[i]:yyyy-MM-dd HH:mm:ss},{file.Values[i]},{score:R},{label}"));
            }
            progress.WriteLine($"  {file.Key}: {file.Values.Length} rows");
            files++;
        }
        return files;
    }
}
