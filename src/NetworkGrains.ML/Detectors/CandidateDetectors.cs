namespace NetworkGrains.ML.Detectors;

/// <summary>
/// Combinations of published methods, each chosen for a reason stated before it was scored (and none tuned):
/// Numenta's likelihood over a simple predictor's surprise and over CAD OSE's score; CAD OSE with ARTime (the two
/// best published NAB detectors, of unlike methods) by the max, the mean, and the max of their likelihoods.
/// </summary>
public static class CandidateDetectors
{
    public static readonly IReadOnlyList<(string Name, string Description, Func<IStreamingDetector> Create)> All =
    [
        ("lhmedian", "Numenta's anomaly likelihood (as NAB runs HTM's) over the robust surprise against the streaming median", () => new LikelihoodDetector(new MedianSurprise())),
        ("lhcadose", "Numenta's anomaly likelihood over CAD OSE's score; needs the file's range", () => new LikelihoodDetector(new CadOseDetector())),
        ("cadartmax", "the higher of CAD OSE's and ARTime's scores (either one alarms); needs the file's range", () => new FusionDetector(FusionRule.Max, new CadOseDetector(), new ArtimeDetector())),
        ("cadartmean", "the mean of CAD OSE's and ARTime's scores; needs the file's range", () => new FusionDetector(FusionRule.Mean, new CadOseDetector(), new ArtimeDetector())),
        ("cadartlh", "the higher of the likelihoods of CAD OSE's and of ARTime's scores (either one is as rare); needs the file's range",
            () => new FusionDetector(FusionRule.Max, new LikelihoodDetector(new CadOseDetector()), new LikelihoodDetector(new ArtimeDetector()))),
    ];
}
