namespace NetworkGrains.ML.Detectors;

/// <summary>What a streaming ARTime is told ahead instead of a file's length and range.</summary>
/// <param name="LearningRows">
/// The rows it learns from before it scores, standing for NAB's probation (15% of the file, at most 750 rows), from
/// which ARTime also takes its downsampling step (the rows per point) and its trend window (the points it learns from).
/// </param>
/// <param name="MaxCategories">The ART's categories kept at most (about 72 bytes each); the least used (recent matches counting most) makes way.</param>
/// <param name="Range">A range known ahead (a percentage's 0 to 100), kept fixed; otherwise the range seen so far (<see cref="ArtStreamRange"/>).</param>
public sealed record ArtStreamOptions(int LearningRows = 750, int MaxCategories = 32, (double Min, double Max)? Range = null)
{
    public static ArtStreamOptions Default { get; } = new();

    public void Validate()
    {
        if (LearningRows is < 32 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(LearningRows), LearningRows, "from 32 to 1,000,000 rows");
        if (MaxCategories < 2) throw new ArgumentOutOfRangeException(nameof(MaxCategories), MaxCategories, "at least 2");
        if (Range is { } range && !(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min <= range.Max))
            throw new ArgumentOutOfRangeException(nameof(Range), range, "a finite range, min <= max");
    }
}
