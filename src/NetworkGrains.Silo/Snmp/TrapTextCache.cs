using System.Collections.Concurrent;
using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The text of what traps repeat (varbinds, trap OIDs, source addresses), formatted once and shared: devices send
/// the same linkDown for the same interface again and again, and a kept trap then holds references instead of new
/// strings, which is most of what a trap costs the garbage collector. Bounded: a full cache starts over.
/// </summary>
public sealed class TrapTextCache
{
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<VarBind, TrapVarBind> _varBinds = new();
    private readonly ConcurrentDictionary<VarBindList, TrapVarBind[]> _lists = new();
    private readonly ConcurrentDictionary<Oid, string> _oids = new();
    private readonly ConcurrentDictionary<IPAddress, string> _addresses = new();
    private readonly ConcurrentDictionary<byte[], TrapVarBind> _encodedVarBinds = new(ByteContentComparer.Instance);
    private readonly ConcurrentDictionary<byte[], Oid> _encodedOids = new(ByteContentComparer.Instance);

    /// <summary>Entries held now, all kinds together.</summary>
    public int Count => _varBinds.Count + _lists.Count + _oids.Count + _addresses.Count + _encodedVarBinds.Count + _encodedOids.Count;

    /// <summary>The text of a varbind seen before, found by its BER encoding alone (no decoding); null if new.</summary>
    public TrapVarBind? KnownVarBind(ReadOnlySpan<byte> encoded) =>
        _encodedVarBinds.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(encoded, out var known) ? known : null;

    public void RememberVarBind(ReadOnlySpan<byte> encoded, TrapVarBind varBind) => Remember(_encodedVarBinds, encoded, varBind);

    /// <summary>An OID seen before, found by its BER content alone; null if new.</summary>
    public Oid? KnownOid(ReadOnlySpan<byte> content) =>
        _encodedOids.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(content, out var known) ? known : null;

    public void RememberOid(ReadOnlySpan<byte> content, Oid oid) => Remember(_encodedOids, content, oid);

    private static void Remember<TValue>(ConcurrentDictionary<byte[], TValue> cache, ReadOnlySpan<byte> key, TValue value)
    {
        if (cache.Count >= MaxEntries) cache.Clear();
        cache.GetAlternateLookup<ReadOnlySpan<byte>>()[key] = value;
    }

    public TrapVarBind VarBind(VarBind varBind) => Get(_varBinds, varBind, TrapVarBinds.From);

    /// <summary>One shared array per distinct list of (shared) varbinds: a repeated trap then keeps no array of its own.</summary>
    public TrapVarBind[] VarBinds(List<TrapVarBind> items)
    {
        var probe = new VarBindList([.. items]);
        return Get(_lists, probe, list => list.Items);
    }

    public string Oid(Oid oid) => Get(_oids, oid, o => o.ToString());

    public string Address(IPAddress address) => Get(_addresses, address, a => a.ToString());

    private static TValue Get<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TKey, TValue> create) where TKey : notnull
    {
        if (cache.TryGetValue(key, out var value)) return value;
        if (cache.Count >= MaxEntries) cache.Clear();
        return cache[key] = create(key);
    }

    /// <summary>A list of cached varbinds compared by the identity of its items (equal text is the same object).</summary>
    private readonly record struct VarBindList(TrapVarBind[] Items)
    {
        public bool Equals(VarBindList other) =>
            Items.Length == other.Items.Length && Items.AsSpan().SequenceEqual(other.Items, ReferenceEqualityComparer.Instance);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var item in Items) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(item));
            return hash.ToHashCode();
        }
    }
}
