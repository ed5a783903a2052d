namespace NetworkGrains.ML.Nab;

/// <summary>
/// A detector configuration to cross-validate: its results on every file, as fitted without the held-out category
/// (null: fitted on all). Results are what they are; an OR of detectors fits each one's threshold first.
/// </summary>
public sealed record NabCandidate(string Name, IReadOnlyList<string> Keys, Func<string?, NabProfile, IReadOnlyList<NabScorer.ScoredFile>> Fit)
{
    public static NabCandidate Of(string name, IReadOnlyList<NabScorer.ScoredFile> files) =>
        new(name, [.. files.Select(f => f.Key)], (_, _) => files);

    /// <summary>
    /// An alarm (score 1) on every row where any of the detectors scores at least its own threshold, each threshold the
    /// one that scores the detector best on the files outside the held-out category.
    /// </summary>
    public static NabCandidate Or(string name, IReadOnlyList<NabCandidate> detectors) => new(name, detectors[0].Keys, (heldOut, profile) =>
    {
        var fitted = detectors.Select(d => d.Fit(heldOut, profile).OrderBy(f => f.Key, StringComparer.Ordinal).ToList()).ToList();
        var thresholds = fitted.Select(files => NabScorer.Score([.. files.Where(f => f.Category != heldOut)], profile).Threshold).ToList();
        return [.. fitted[0].Select((file, i) => file with { Scores = Alarms(fitted.Select(files => files[i].Scores).ToList(), thresholds) })];
    });

    private static double[] Alarms(IReadOnlyList<double[]> scores, IReadOnlyList<double> thresholds)
    {
        var alarms = new double[scores[0].Length];
        for (var d = 0; d < scores.Count; d++)
            for (var row = 0; row < alarms.Length; row++)
                if (scores[d][row] >= thresholds[d]) alarms[row] = 1;
        return alarms;
    }
}
