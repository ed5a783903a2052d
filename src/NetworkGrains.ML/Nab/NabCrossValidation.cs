namespace NetworkGrains.ML.Nab;

/// <summary>
/// One held-out category: the candidate and threshold chosen on the other categories (their normalised score there),
/// and the held-out category's raw score with both fixed.
/// </summary>
public sealed record NabFold(string HeldOut, string Chosen, double Threshold, double TrainingScore, NabRawScore HeldOutScore);

/// <summary>Leave-one-category-out under one profile: the folds, and their held-out raw scores pooled and normalised as NAB does.</summary>
public sealed record NabCrossValidated(NabProfile Profile, IReadOnlyList<NabFold> Folds)
{
    public NabRawScore Pooled => NabRawScore.Sum("pooled held-out", Folds.Select(f => f.HeldOutScore));
}

/// <summary>
/// Leave-one-category-out cross-validation of candidate detectors (each one's results on the same files): for every
/// category, the candidate and NAB threshold that score best on the other categories are chosen (the first candidate
/// on a tie), then the held-out category is scored with them, not swept again. A single candidate gives its own
/// held-out score (only its threshold is chosen). Candidates are fitted without the held-out category (<see cref="NabCandidate"/>).
/// </summary>
public static class NabCrossValidation
{
    public static IEnumerable<NabCrossValidated> LeaveOneCategoryOut(IReadOnlyList<NabCandidate> candidates)
    {
        if (candidates.Count == 0) throw new NabFormatException("no candidates to cross-validate");
        var keys = candidates[0].Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var candidate in candidates)
            if (!candidate.Keys.Order(StringComparer.Ordinal).SequenceEqual(keys)) throw new NabFormatException($"{candidate.Name} does not have results for the same files as {candidates[0].Name}");
        var categories = keys.Select(k => k[..Math.Max(0, k.IndexOf('/'))]).Distinct().ToList();
        if (categories.Count < 2) throw new NabFormatException("leave-one-category-out needs at least two categories");

        foreach (var profile in NabProfile.All)
        {
            var folds = new List<NabFold>();
            foreach (var heldOut in categories)
            {
                var best = (Name: "", Score: double.NegativeInfinity, Threshold: 0.0, Files: (IReadOnlyList<NabScorer.ScoredFile>)[]);
                foreach (var candidate in candidates)
                {
                    var files = candidate.Fit(heldOut, profile);
                    var (score, threshold) = NabScorer.Score([.. files.Where(f => f.Category != heldOut)], profile);
                    if (score > best.Score) best = (candidate.Name, score, threshold, files);
                }
                var held = NabScorer.At(heldOut, [.. best.Files.Where(f => f.Category == heldOut)], profile, best.Threshold);
                folds.Add(new NabFold(heldOut, best.Name, best.Threshold, best.Score, held));
            }
            yield return new NabCrossValidated(profile, folds);
        }
    }

    /// <summary>The candidate's score on all the files (fitted on all of them), under each profile.</summary>
    public static IEnumerable<(NabProfile Profile, double Score, double Threshold)> InSample(NabCandidate candidate)
    {
        foreach (var profile in NabProfile.All)
        {
            var (score, threshold) = NabScorer.Score(candidate.Fit(null, profile), profile);
            yield return (profile, score, threshold);
        }
    }
}
