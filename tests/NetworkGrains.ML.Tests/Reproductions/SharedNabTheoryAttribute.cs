namespace NetworkGrains.ML.Tests.Reproductions;

/// <summary>A theory on the shared NAB subset, skipped (not failed) where ../shared/data/nab is not checked out.</summary>
public sealed class SharedNabTheoryAttribute : TheoryAttribute
{
    public SharedNabTheoryAttribute()
    {
        if (!SharedNab.Available) Skip = "../shared/data/nab is not here";
    }
}
