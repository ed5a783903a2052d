using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Traps;

/// <summary>
/// The newest traps of one device, oldest first, in a ring of structs: a kept trap is one slot, not an object of
/// its own (its strings and varbinds are shared with the traps before it), so keeping thousands of traps per
/// device at tens of thousands of traps a second costs the garbage collector next to nothing.
/// </summary>
public sealed class TrapRing(int capacity)
{
    private readonly Slot[] _slots = new Slot[capacity];
    private int _oldest;

    public int Count { get; private set; }

    public void Add(IEnumerable<TrapEvent> traps)
    {
        foreach (var trap in traps)
        {
            var slot = new Slot(trap);
            if (Count < capacity) _slots[(_oldest + Count++) % capacity] = slot;
            else
            {
                _slots[_oldest] = slot;
                _oldest = (_oldest + 1) % capacity;
            }
        }
    }

    /// <summary>Puts traps received before every kept one in front of them, as far as there is room.</summary>
    public void AddOlder(IReadOnlyList<TrapEvent> older)
    {
        var room = Math.Min(capacity - Count, older.Count);
        for (var i = older.Count - 1; i >= older.Count - room; i--)
        {
            _oldest = (_oldest - 1 + capacity) % capacity;
            _slots[_oldest] = new Slot(older[i]);
            Count++;
        }
    }

    /// <summary>The newest <paramref name="count"/> traps, newest first.</summary>
    public TrapEvent[] Newest(int count)
    {
        count = Math.Clamp(count, 0, Count);
        var newest = new TrapEvent[count];
        for (var i = 0; i < count; i++) newest[i] = _slots[(_oldest + Count - 1 - i) % capacity].ToTrapEvent();
        return newest;
    }

    /// <summary>The traps received before <paramref name="before"/>, at most <paramref name="count"/> of the newest, oldest first.</summary>
    public TrapEvent[] Before(DateTimeOffset before, int count)
    {
        var kept = new List<TrapEvent>();
        for (var i = Count - 1; i >= 0 && kept.Count < count; i--)
        {
            var slot = _slots[(_oldest + i) % capacity];
            if (slot.ReceivedAt < before) kept.Add(slot.ToTrapEvent());
        }
        kept.Reverse();
        return kept.ToArray();
    }

    private readonly record struct Slot(
        DateTimeOffset ReceivedAt, string SourceAddress, string Version, string TrapOid, TrapKind Kind, string SecurityName, bool IsInform, TrapVarBind[] VarBinds)
    {
        public Slot(TrapEvent trap)
            : this(trap.ReceivedAt, trap.SourceAddress, trap.Version, trap.TrapOid, trap.Kind, trap.SecurityName, trap.IsInform, trap.VarBinds)
        {
        }

        public TrapEvent ToTrapEvent() => new(ReceivedAt, SourceAddress, Version, TrapOid, Kind, SecurityName, IsInform, VarBinds);
    }
}
