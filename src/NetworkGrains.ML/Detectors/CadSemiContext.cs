namespace NetworkGrains.ML.Detectors;

/// <summary>
/// One side of CAD OSE's contexts: a sorted set of facts that several contexts share, with how many of them the last
/// crossing held (<see cref="Crossed"/>). A left semi-context also maps each right semi-context it was paired with to
/// the context's id, in CPython 2.7's dict order, as the original iterates it.
/// </summary>
public sealed class CadSemiContext(int id, CadFacts facts, bool left)
{
    private CadFacts? _crossedFacts;

    public int Id { get; } = id;

    public CadFacts Facts { get; } = facts;

    public int Crossed { get; private set; }

    public Py27IntDict? Contexts { get; } = left ? new() : null;

    /// <summary>The right semi-contexts of a left one's zero-level contexts: the only ones that breed new contexts.</summary>
    public List<int> ZeroLevelRights { get; } = [];

    public bool Complete => Crossed == Facts.Items.Length;

    public void Cross() => Crossed++;

    public void ClearCrossing() => (Crossed, _crossedFacts) = (0, null);

    /// <summary>The facts the last crossing held, in order (both are sorted, as the original's crossing list is).</summary>
    public CadFacts CrossedFacts(HashSet<long> crossing)
    {
        if (Complete) return Facts;
        if (_crossedFacts is { } known) return known;
        var (facts, count) = (new long[Crossed], 0);
        foreach (var fact in Facts.Items)
        {
            if (crossing.Contains(fact)) facts[count++] = fact;
        }
        return _crossedFacts = new CadFacts(facts);
    }
}
