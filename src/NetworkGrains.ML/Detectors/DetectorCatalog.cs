namespace NetworkGrains.ML.Detectors;

/// <summary>
/// The detectors by name (NAB names: no underscores). <see cref="Default"/> is what `ngctl nab run` runs unless told
/// otherwise: ARTime, reproduced row for row, the best published detector and the one whose held-out-category score
/// agrees with its whole-corpus one. <see cref="Device"/> is what device grains run on every series: ARTime needs the
/// series' range and length ahead (NAB gives them), which a device does not know, and its streaming form
/// (<see cref="ArtStreamDetector"/>) falls well below it.
/// </summary>
public static class DetectorCatalog
{
    public const string Default = ArtimeDetector.Name;

    public const string Device = CompactRarityDetector.Name;

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
