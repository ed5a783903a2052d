namespace NetworkGrains.ML.Nab;

/// <summary>A detector's normalised score (null detector 0, perfect detector 100) under one profile, at its best threshold, and each category's part at that threshold.</summary>
public sealed record NabScore(string Detector, NabProfile Profile, double Score, double Threshold, IReadOnlyList<NabRawScore> Categories);

/// <summary>
/// A raw NAB score (the sum of the rows' and missed windows' values) with the raw scores of the null detector (never
/// fires) and of the perfect one over the same files: normalised 0 and 100; none for files without windows.
/// </summary>
public sealed record NabRawScore(string Name, double Raw, double Null, double Perfect)
{
    public double? Normalised => Perfect == Null ? null : 100 * (Raw - Null) / (Perfect - Null);

    public static NabRawScore Sum(string name, IEnumerable<NabRawScore> parts)
    {
        var list = parts.ToList();
        return new(name, list.Sum(p => p.Raw), list.Sum(p => p.Null), list.Sum(p => p.Perfect));
    }
}

/// <summary>
/// NAB's scoring: per window only the earliest detection counts, weighted by how early it came; detections outside
/// windows cost more the further they are from the previous window; the first rows of each file are probation;
/// one threshold per detector and profile, swept over every score the detector produced, maximises the total.
/// </summary>
public static class NabScorer
{
    /// <summary>Scores every detector directory under <paramref name="resultsDirectory"/> against the labels.</summary>
    public static IEnumerable<NabScore> ScoreAll(string resultsDirectory, string labelsFile)
    {
        var labels = NabCorpus.ReadLabels(labelsFile);
        foreach (var directory in Directory.EnumerateDirectories(resultsDirectory).Order(StringComparer.Ordinal))
        {
            var detector = Path.GetFileName(directory);
            var files = ReadResults(directory, detector, labels);
            foreach (var profile in NabProfile.All)
            {
                var (score, threshold) = Score(files, profile);
                var categories = files.GroupBy(f => f.Category, StringComparer.Ordinal).Select(c => At(c.Key, [.. c], profile, threshold)).ToList();
                yield return new NabScore(detector, profile, score, threshold, categories);
            }
        }
    }

    /// <summary>One file's scores and its windows as row ranges [left, right].</summary>
    public sealed record ScoredFile(string Key, double[] Scores, (int Left, int Right)[] Windows)
    {
        public string Category => Key[..Math.Max(0, Key.IndexOf('/'))];

        public int Probation => Math.Min(Scores.Length * 15 / 100, 750);

        /// <summary>Windows that end inside the probation cannot be detected: they count neither way.</summary>
        public int ScorableWindows => Windows.Count(w => w.Right >= Probation);
    }

    public static (double Score, double Threshold) Score(IReadOnlyList<ScoredFile> files, NabProfile profile)
    {
        var (nullRaw, perfectRaw) = Bounds(files, profile);

        // Each scored row's contribution if it were a detection; rows sorted by score, highest first.
        var rows = new List<(double Score, int File, int Row, int Window, double Value)>();
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            for (var i = file.Probation; i < file.Scores.Length; i++)
            {
                var (window, value) = Contribution(file.Windows, i, profile);
                rows.Add((file.Scores[i], f, i, window, value));
            }
        }
        rows.Sort((a, b) => b.Score.CompareTo(a.Score));

        var earliest = new Dictionary<(int File, int Window), (int Row, double Value)>();
        var (raw, bestRaw, bestThreshold) = (nullRaw, nullRaw, 1.0 + 1e-9);
        for (var k = 0; k < rows.Count;)
        {
            var threshold = rows[k].Score;
            for (; k < rows.Count && rows[k].Score == threshold; k++)
            {
                var row = rows[k];
                if (row.Window < 0) { raw += row.Value; continue; }
                if (!earliest.TryGetValue((row.File, row.Window), out var first))
                {
                    raw += row.Value + profile.FalseNegative;
                    earliest[(row.File, row.Window)] = (row.Row, row.Value);
                }
                else if (row.Row < first.Row)
                {
                    raw += row.Value - first.Value;
                    earliest[(row.File, row.Window)] = (row.Row, row.Value);
                }
            }
            if (raw > bestRaw) (bestRaw, bestThreshold) = (raw, threshold);
        }
        return (new NabRawScore("", bestRaw, nullRaw, perfectRaw).Normalised ?? 0, bestThreshold);
    }

    /// <summary>The raw scores of the null and the perfect detector on these files.</summary>
    public static (double Null, double Perfect) Bounds(IReadOnlyList<ScoredFile> files, NabProfile profile)
    {
        var windows = files.Sum(f => f.ScorableWindows);
        return (-profile.FalseNegative * windows, profile.TruePositive * windows);
    }

    /// <summary>The raw score of these files with the threshold fixed (rows scoring at least it are detections).</summary>
    public static NabRawScore At(string name, IReadOnlyList<ScoredFile> files, NabProfile profile, double threshold)
    {
        var (nullRaw, perfectRaw) = Bounds(files, profile);
        var raw = nullRaw;
        foreach (var file in files)
        {
            var detected = new bool[file.Windows.Length];
            for (var i = file.Probation; i < file.Scores.Length; i++)
            {
                if (!(file.Scores[i] >= threshold)) continue;
                var (window, value) = Contribution(file.Windows, i, profile);
                if (window < 0) raw += value;
                else if (!detected[window]) (raw, detected[window]) = (raw + value + profile.FalseNegative, true);
            }
        }
        return new NabRawScore(name, raw, nullRaw, perfectRaw);
    }

    /// <summary>(window index or -1, the value of a detection at row i).</summary>
    private static (int Window, double Value) Contribution((int Left, int Right)[] windows, int i, NabProfile profile)
    {
        for (var w = 0; w < windows.Length; w++)
        {
            var (left, right) = windows[w];
            if (i < left || i > right) continue;
            var width = right - left + 1;
            return (w, profile.TruePositive * ScaledSigmoid(-(right - i + 1) / (double)width) / ScaledSigmoid(-1));
        }
        var previous = windows.Where(w => w.Right < i).Select(w => ((int Left, int Right)?)w).LastOrDefault();
        if (previous is not { } p) return (-1, -profile.FalsePositive);
        var previousWidth = p.Right - p.Left + 1;
        return (-1, profile.FalsePositive * ScaledSigmoid((i - p.Right) / (double)Math.Max(previousWidth - 1, 1)));
    }

    private static double ScaledSigmoid(double y) => y > 3 ? -1 : 2 / (1 + Math.Exp(5 * y)) - 1;

    public static List<ScoredFile> ReadResults(string directory, string detector, Dictionary<string, NabWindow[]> labels)
    {
        var files = new List<ScoredFile>();
        var prefix = detector + "_";
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) throw new NabFormatException($"{path}: results files are named {prefix}<file>.csv");
            var key = $"{Path.GetFileName(Path.GetDirectoryName(path))}/{name[prefix.Length..]}";
            if (!labels.TryGetValue(key, out var windows)) throw new NabFormatException($"{path}: {key} is not in the labels");
            var (times, scores) = NabCorpus.ReadScores(path);
            files.Add(new ScoredFile(key, scores, WindowRows(times, windows)));
        }
        var missing = labels.Keys.Except(files.Select(f => f.Key)).ToArray();
        if (missing.Length > 0) throw new NabFormatException($"{directory}: no results for {string.Join(", ", missing)}");
        return files;
    }

    /// <summary>Each run of labelled rows as a window (first and last row), for a labelled set scored in row order.</summary>
    public static (int Left, int Right)[] WindowsOfLabelledRuns(bool[] labels)
    {
        var windows = new List<(int, int)>();
        for (var start = 0; start < labels.Length; start++)
        {
            if (!labels[start]) continue;
            var end = start;
            while (end + 1 < labels.Length && labels[end + 1]) end++;
            windows.Add((start, end));
            start = end;
        }
        return [.. windows];
    }

    /// <summary>Each window as the first and last row inside it (windows with no rows are dropped).</summary>
    public static (int Left, int Right)[] WindowRows(DateTime[] timestamps, NabWindow[] windows) => windows
        .Select(w => (Left: Array.FindIndex(timestamps, t => t >= w.Start), Right: Array.FindLastIndex(timestamps, t => t <= w.End)))
        .Where(w => w.Left >= 0 && w.Right >= w.Left)
        .ToArray();
}
