namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The detectors by name (NAB names: no underscores). <see cref="Default"/> is what device grains run on every series,
/// and the best on NAB; <see cref="RobustRarityDetector"/> is its exact form (30 days of points, about 0.5 MB a series).
/// </summary>
public static class DetectorCatalog
{
    public const string Default = CompactRarityDetector.Name;

    private static readonly Dictionary<string, (string Description, Func<IStreamingDetector> Create)> Detectors = new(StringComparer.Ordinal)
    {
        [RobustRarityDetector.Name] = (RobustRarityDetector.Description, () => new RobustRarityDetector()),
        [CompactRarityDetector.Name] = (CompactRarityDetector.Description, () => new CompactRarityDetector()),
        [WindowedGaussianDetector.Name] = (WindowedGaussianDetector.Description, () => new WindowedGaussianDetector()),
        [CadOseDetector.Name] = (CadOseDetector.Description, () => new CadOseDetector()),
        [ArtimeDetector.Name] = (ArtimeDetector.Description, () => new ArtimeDetector()),
        [KnnCadDetector.Name] = (KnnCadDetector.Description, () => new KnnCadDetector()),
        [ArtStreamDetector.Name] = (ArtStreamDetector.Description, () => new ArtStreamDetector()),
    };

    static DetectorCatalog()
    {
        foreach (var (name, description, create) in CandidateDetectors.All) Detectors[name] = (description, create);
    }

    public static IEnumerable<(string Name, string Description)> All => Detectors.Select(d => (d.Key, d.Value.Description));

    public static IStreamingDetector? Create(string name) => Detectors.TryGetValue(name, out var entry) ? entry.Create() : null;
}
