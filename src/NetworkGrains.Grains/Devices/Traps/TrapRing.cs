using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Traps;

/// <summary>
/// The newest traps of one device, oldest first, in a ring of structs: a kept trap is one slot, not an object of
/// its own (its strings and varbinds are shared with the traps before it), so keeping thousands of traps per
/// device at tens of thousands of traps a second costs the garbage collector next to nothing.
/// </summary>
public sealed class TrapRing(int capacity)
{
    private readonly NewestRing<Slot> _ring = new(capacity);

    public int Count => _ring.Count;

    public void Add(IEnumerable<TrapEvent> traps)
    {
        foreach (var trap in traps) _ring.Add(new Slot(trap));
    }

    /// <summary>Puts traps received before every kept one in front of them, as far as there is room.</summary>
    public void AddOlder(IReadOnlyList<TrapEvent> older) => _ring.AddOlder([.. older.Select(t => new Slot(t))]);

    /// <summary>The newest <paramref name="count"/> traps, newest first.</summary>
    public TrapEvent[] Newest(int count) => [.. _ring.Newest(Math.Max(count, 0), _ => true).Select(s => s.ToTrapEvent())];

    /// <summary>The traps received before <paramref name="before"/>, at most <paramref name="count"/> of the newest, oldest first.</summary>
    public TrapEvent[] Before(DateTimeOffset before, int count)
    {
        var kept = _ring.Newest(count, s => s.ReceivedAt < before);
        kept.Reverse();
        return [.. kept.Select(s => s.ToTrapEvent())];
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
