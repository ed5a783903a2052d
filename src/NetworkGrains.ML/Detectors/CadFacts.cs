namespace NetworkGrains.ML.Detectors;

/// <summary>A sorted tuple of CAD OSE facts with its CPython 2.7 hash, by which the original finds semi-contexts.</summary>
public sealed class CadFacts(long[] items)
{
    public long[] Items { get; } = items;

    public long Hash { get; } = Py27Hash.Tuple(items);
}
