using System.Globalization;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Nab;

/// <summary>
/// Feeds the raw scores of published numenta results (DIR/numenta/category/numenta_file.csv: timestamp, value,
/// anomaly_score, raw_score, label, ...) through <see cref="NumentaScore"/> and writes the scores it makes as results
/// of their own (OUT/NAME/category/NAME_file.csv), to compare row by row with the published anomaly_score.
/// </summary>
public static class NabLikelihoodReplay
{
    private static readonly string[] Header = ["timestamp", "value", "anomaly_score", "raw_score", "label"];

    public static int Replay(string numentaResults, string resultsDirectory, string name)
    {
        if (!Directory.Exists(numentaResults)) throw new NabFormatException($"{numentaResults} does not exist");
        var files = 0;
        foreach (var path in Directory.EnumerateFiles(numentaResults, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rows = Read(path);
            var score = NumentaScore.ForNab(rows.Length);
            var fileName = Path.GetFileName(path);
            var directory = Path.Combine(resultsDirectory, name, Path.GetFileName(Path.GetDirectoryName(path))!);
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, $"{name}_{fileName[(fileName.IndexOf('_') + 1)..]}"));
            writer.WriteLine("timestamp,value,anomaly_score,label");
            foreach (var row in rows)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Time},{row.Value},{score.Next(row.Value, row.Raw):R},{row.Label}"));
            files++;
        }
        return files;
    }

    /// <summary>
    /// The rows' values and raw scores. HTM's raw scores were 32-bit floats printed to 12 digits: rounding the printed
    /// number to the nearest float gives the score the likelihood saw.
    /// </summary>
    public static (string Time, double Value, double Raw, string Label)[] Read(string path) => NabCorpus.ReadCsv(path, Header)
        .Select(r => (r[0], NabCorpus.ParseNumber(r[1], path), (double)(float)NabCorpus.ParseNumber(r[3], path), r[4]))
        .ToArray();
}
