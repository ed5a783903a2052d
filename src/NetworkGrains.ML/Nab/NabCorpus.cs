using System.Globalization;
using System.Text.Json;

namespace NetworkGrains.ML.Nab;

/// <summary>One NAB data file: its key ("category/file.csv") and rows in time order.</summary>
public sealed record NabFile(string Key, DateTime[] Timestamps, double[] Values)
{
    public string Category => Key[..Key.IndexOf('/')];
    public string FileName => Key[(Key.IndexOf('/') + 1)..];
}

/// <summary>An anomaly window from the labels, inclusive at both ends.</summary>
public readonly record struct NabWindow(DateTime Start, DateTime End)
{
    public bool Contains(DateTime timestamp) => timestamp >= Start && timestamp <= End;
}

/// <summary>Reads NAB's layout: DIR/data/&lt;category&gt;/&lt;file&gt;.csv (timestamp,value) and labels/combined_windows.json.</summary>
public static class NabCorpus
{
    public static IEnumerable<NabFile> ReadData(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "data");
        if (!Directory.Exists(root)) throw new NabFormatException($"{root} does not exist: expected DIR/data/<category>/<file>.csv");
        foreach (var path in Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (key.Count(c => c == '/') != 1) throw new NabFormatException($"{path}: expected data/<category>/<file>.csv");
            var rows = ReadCsv(path, ["timestamp", "value"]).Select(r => (Time: ParseTime(r[0], path), Value: ParseNumber(r[1], path))).ToArray();
            yield return new NabFile(key, rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Value).ToArray());
        }
    }

    public static Dictionary<string, NabWindow[]> ReadLabels(string labelsFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(labelsFile));
        var labels = new Dictionary<string, NabWindow[]>(StringComparer.Ordinal);
        foreach (var file in json.RootElement.EnumerateObject())
        {
            labels[file.Name] = file.Value.EnumerateArray().Select(window =>
            {
                var ends = window.EnumerateArray().Select(e => ParseTime(e.GetString() ?? "", labelsFile)).ToArray();
                if (ends.Length != 2 || ends[0] > ends[1]) throw new NabFormatException($"{labelsFile}: {file.Name} has a window that is not [start, end]");
                return new NabWindow(ends[0], ends[1]);
            }).ToArray();
        }
        return labels;
    }

    /// <summary>A results file's timestamps and anomaly scores (timestamp,value,anomaly_score,...).</summary>
    public static (DateTime[] Times, double[] Scores) ReadScores(string path)
    {
        var rows = ReadCsv(path, ["timestamp", "value", "anomaly_score"]).Select(r => (Time: ParseTime(r[0], path), Score: ParseNumber(r[2], path))).ToArray();
        return (rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Score).ToArray());
    }

    /// <summary>Rows after the header, which must start with <paramref name="header"/>; every row has at least as many fields.</summary>
    public static IEnumerable<string[]> ReadCsv(string path, string[] header)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine()?.Split(',');
        if (first is null || !first.Take(header.Length).SequenceEqual(header))
            throw new NabFormatException($"{path}: the header must start with {string.Join(',', header)}");
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var fields = text.Split(',');
            if (fields.Length < header.Length) throw new NabFormatException($"{path}:{line}: expected {first.Length} fields");
            yield return fields;
        }
    }

    public static DateTime ParseTime(string text, string source) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time : throw new NabFormatException($"{source}: '{text}' is not a timestamp");

    public static double ParseNumber(string text, string source) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value : throw new NabFormatException($"{source}: '{text}' is not a finite number");
}

public sealed class NabFormatException(string message) : Exception(message);
