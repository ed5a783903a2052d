namespace NetworkGrains.ML.Detectors;

/// <summary>
/// CAD OSE's context memory (Smirnov's ContextOperator): contexts split into left and right semi-contexts found by
/// the CPython 2.7 hash of their fact tuples, an index from each fact to the semi-contexts holding it, and the
/// crossings of the latest facts with them. Ids are given in creation order, as in the original, and the order it
/// iterates in (semi-contexts by id, a left one's contexts in CPython 2.7 dict order) is kept: new contexts take
/// their ids from it, and the ids are facts of the next step.
/// </summary>
public sealed class CadContextMemory(int maxLeftSemiContextLength)
{
    private readonly Side _left = new(left: true);
    private readonly Side _right = new(left: false);
    private readonly List<CadContext> _contexts = [];
    private List<CadSemiContext> _crossedLeft = [];
    private List<CadSemiContext> _crossedRight = [];
    // The original resets this to Python's False, which equals context id 0: context 0 is then skipped too.
    private int _newContextId;

    public int ContextCount => _contexts.Count;

    public int SemiContextCount => _left.All.Count + _right.All.Count;

    /// <summary>Stores the context of two whole fact groups; false when it was known (and is marked zero-level now).</summary>
    public bool AddZeroLevel(CadFacts leftFacts, CadFacts rightFacts)
    {
        var id = Store(leftFacts, rightFacts, zeroLevel: true, out var added);
        if (added) _newContextId = id;
        else if (_contexts[id] is { ZeroLevel: false } known)
        {
            known.ZeroLevel = true;
            _left.All[known.LeftSemiContext].ZeroLevelRights.Add(known.RightSemiContext);
        }
        return added;
    }

    /// <summary>Stores each candidate context not known yet; how many were new.</summary>
    public int Add(List<(CadFacts Left, CadFacts Right)> candidates)
    {
        var added = 0;
        foreach (var (left, right) in candidates)
        {
            Store(left, right, zeroLevel: false, out var isNew);
            if (isNew) added++;
        }
        return added;
    }

    /// <summary>
    /// Crosses the sensor facts with the right semi-contexts, then goes through every context of the left semi-contexts
    /// crossed last: the active ones (both sides complete), how many were selected (left side complete), and the
    /// crossings of zero-level contexts that may become new contexts (only when this step made a new zero-level one).
    /// </summary>
    public (List<(int Id, int Activations, long LeftHash, long RightHash)> Active, int Selected, List<(CadFacts Left, CadFacts Right)> Candidates)
        CrossRight(long[] sensorFacts, bool newZeroLevel)
    {
        _crossedRight = _right.Cross(_crossedRight, sensorFacts);
        var active = new List<(int, int, long, long)>();
        var candidates = new List<(CadFacts, CadFacts)>();
        var selected = 0;
        foreach (var left in _crossedLeft)
        {
            var breeds = newZeroLevel && left.Crossed <= maxLeftSemiContextLength;
            if (left.Complete)
            {
                var rightIds = left.Contexts!.Keys;
                var ids = left.Contexts.Values;
                for (var slot = 0; slot < rightIds.Length; slot++)
                {
                    var (rightId, id) = (rightIds[slot], ids[slot]);
                    if (rightId < 0 || id == _newContextId) continue;
                    selected++;
                    var (context, right) = (_contexts[id], _right.All[rightId]);
                    if (right.Complete) active.Add((id, ++context.Activations, context.LeftHash, context.RightHash));
                    else if (right.Crossed > 0 && breeds && context.ZeroLevel) candidates.Add(Crossing(left, right));
                }
            }
            else if (breeds && left.ZeroLevelRights.Count > 0)
            {
                // Only zero-level contexts breed: this left semi-context's, in the dict's order.
                if (left.ZeroLevelRights.Count > 1) left.ZeroLevelRights.Sort((a, b) => left.Contexts!.SlotOf(a).CompareTo(left.Contexts.SlotOf(b)));
                foreach (var rightId in left.ZeroLevelRights)
                {
                    if (left.Contexts![rightId] != _newContextId && _right.All[rightId].Crossed > 0) candidates.Add(Crossing(left, _right.All[rightId]));
                }
            }
        }
        _newContextId = 0;
        return (active, selected, candidates);
    }

    private (CadFacts, CadFacts) Crossing(CadSemiContext left, CadSemiContext right) =>
        (left.CrossedFacts(_left.Crossing), right.CrossedFacts(_right.Crossing));

    /// <summary>Crosses the facts with the left semi-contexts.</summary>
    public void CrossLeft(long[] facts) => _crossedLeft = _left.Cross(_crossedLeft, facts);

    private int Store(CadFacts leftFacts, CadFacts rightFacts, bool zeroLevel, out bool added)
    {
        var left = _left.Find(leftFacts);
        var right = _right.Find(rightFacts);
        var id = left.Contexts!.GetOrAdd(right.Id, _contexts.Count);
        added = id == _contexts.Count;
        if (!added) return id;
        _contexts.Add(new CadContext(left.Id, right.Id, zeroLevel, leftFacts.Hash, rightFacts.Hash));
        if (zeroLevel) left.ZeroLevelRights.Add(right.Id);
        return id;
    }

    /// <summary>The semi-contexts of one side, found by their facts' hash (as the original: equal hashes are one semi-context).</summary>
    private sealed class Side(bool left)
    {
        private readonly Dictionary<long, int> _byHash = [];
        private readonly Dictionary<long, List<CadSemiContext>> _byFact = [];

        public List<CadSemiContext> All { get; } = [];

        /// <summary>The facts of the last crossing.</summary>
        public HashSet<long> Crossing { get; } = [];

        public CadSemiContext Find(CadFacts facts)
        {
            if (_byHash.TryGetValue(facts.Hash, out var id)) return All[id];
            var semi = new CadSemiContext(All.Count, facts, left);
            _byHash[facts.Hash] = semi.Id;
            All.Add(semi);
            foreach (var fact in facts.Items)
            {
                if (!_byFact.TryGetValue(fact, out var holders)) _byFact[fact] = holders = [];
                holders.Add(semi);
            }
            return semi;
        }

        /// <summary>The semi-contexts holding any of the facts, by id (as the original, which scans all of them).</summary>
        public List<CadSemiContext> Cross(List<CadSemiContext> previous, long[] facts)
        {
            foreach (var semi in previous) semi.ClearCrossing();
            Crossing.Clear();
            foreach (var fact in facts)
            {
                Crossing.Add(fact);
                if (!_byFact.TryGetValue(fact, out var holders)) continue;
                foreach (var semi in holders) semi.Cross();
            }
            return All.Where(semi => semi.Crossed > 0).ToList();
        }
    }
}
