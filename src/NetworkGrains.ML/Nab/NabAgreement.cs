namespace NetworkGrains.ML.Nab;

/// <summary>How one file's anomaly scores agree row by row with a reference's (a published detector's results).</summary>
public sealed record NabFileAgreement(string Key, int Rows, int Equal, double MaxDifference, int FirstDifferentRow);

/// <summary>
/// Compares two detectors' NAB results row by row (RESULTS/NAME/category/NAME_file.csv against the reference's
/// files of the same category and file name): the rows whose anomaly_score agrees within a tolerance, and the largest
/// difference. Rows must have the same timestamps.
/// </summary>
public static class NabAgreement
{
    public static IEnumerable<NabFileAgreement> Compare(string resultsDirectory, string referenceDirectory, double tolerance)
    {
        var references = ScoreFiles(referenceDirectory);
        foreach (var (key, path) in ScoreFiles(resultsDirectory))
        {
            if (!references.TryGetValue(key, out var referencePath)) throw new NabFormatException($"{referenceDirectory}: no results for {key}");
            var (times, scores) = NabCorpus.ReadScores(path);
            var (referenceTimes, referenceScores) = NabCorpus.ReadScores(referencePath);
            if (!times.SequenceEqual(referenceTimes)) throw new NabFormatException($"{path} and {referencePath} do not have the same rows");
            var (equal, max, first) = (0, 0.0, -1);
            for (var i = 0; i < scores.Length; i++)
            {
                var difference = Math.Abs(scores[i] - referenceScores[i]);
                if (difference <= tolerance) equal++;
                else if (first < 0) first = i;
                max = Math.Max(max, difference);
            }
            yield return new NabFileAgreement(key, scores.Length, equal, max, first);
        }
    }

    /// <summary>category/file.csv to the results file's path: the part of the name after the detector's prefix (NAME_).</summary>
    private static SortedDictionary<string, string> ScoreFiles(string directory)
    {
        if (!Directory.Exists(directory)) throw new NabFormatException($"{directory} does not exist");
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            var prefix = name.IndexOf('_');
            if (prefix < 0) throw new NabFormatException($"{path}: results files are named DETECTOR_<file>.csv");
            files[$"{Path.GetFileName(Path.GetDirectoryName(path))}/{name[(prefix + 1)..]}"] = path;
        }
        return files;
    }
}
