using System.Globalization;
using System.Text;

namespace NetworkGrains.Protocols.Snmp;

/// <summary>
/// An OBJECT IDENTIFIER: at least two arcs, each an unsigned 32-bit number (RFC 2578 limits arcs to 2^32-1).
/// Ordered as agents order a MIB: arc by arc, a prefix before its extensions.
/// </summary>
public sealed class Oid : IEquatable<Oid>, IComparable<Oid>
{
    public const int MaxArcs = 128;
    private readonly uint[] _arcs;

    private Oid(uint[] arcs) => _arcs = arcs;

    public ReadOnlySpan<uint> Arcs => _arcs;
    public int Length => _arcs.Length;

    public static Oid Parse(string text) =>
        TryParse(text, out var oid) ? oid : throw new FormatException($"'{text}' is not an object identifier.");

    public static bool TryParse(string text, out Oid oid)
    {
        oid = null!;
        var parts = text.TrimStart('.').Split('.');
        if (parts.Length is < 2 or > MaxArcs) return false;
        var arcs = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out arcs[i])) return false;
        }
        if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) return false;
        oid = new Oid(arcs);
        return true;
    }

    public static Oid FromArcs(params ReadOnlySpan<uint> arcs) =>
        arcs.Length is >= 2 and <= MaxArcs ? new Oid(arcs.ToArray()) : throw new ArgumentException("An OID has 2 to 128 arcs.");

    /// <summary>This OID with more arcs appended (a table column plus an index, say).</summary>
    public Oid Append(params ReadOnlySpan<uint> arcs) => new([.. _arcs, .. arcs]);

    public bool StartsWith(Oid prefix) => Arcs.StartsWith(prefix.Arcs);

    /// <summary>Decodes BER content: the first two arcs share one sub-identifier; each is base-128, minimal.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> content, out Oid oid)
    {
        oid = null!;
        // Every sub-identifier ends with a byte whose top bit is clear, and the first one holds two arcs: the
        // arcs can be counted before decoding, so they are decoded straight into an array of the right size.
        if (content.IsEmpty || (content[^1] & 0x80) != 0) return false;
        var subIdentifiers = content.Length - CountContinuations(content);
        if (subIdentifiers + 1 > MaxArcs) return false;
        var arcs = new uint[subIdentifiers + 1];
        var count = 0;
        var i = 0;
        while (i < content.Length)
        {
            if (content[i] == 0x80) return false; // a sub-identifier never starts with a zero group
            ulong sub = 0;
            byte b;
            do
            {
                b = content[i++];
                sub = (sub << 7) | (uint)(b & 0x7F);
                if (sub > uint.MaxValue + 80UL) return false;
            } while ((b & 0x80) != 0);

            if (count == 0)
            {
                var first = sub < 40 ? 0u : sub < 80 ? 1u : 2u;
                var second = sub - 40 * first;
                if (second > uint.MaxValue) return false;
                arcs[count++] = first;
                arcs[count++] = (uint)second;
            }
            else
            {
                if (sub > uint.MaxValue) return false;
                arcs[count++] = (uint)sub;
            }
        }
        oid = new Oid(arcs);
        return true;
    }

    private static int CountContinuations(ReadOnlySpan<byte> content)
    {
        var continuations = 0;
        foreach (var b in content) continuations += b >> 7;
        return continuations;
    }

    public int EncodedLength
    {
        get
        {
            var length = SubIdentifierLength(40UL * _arcs[0] + _arcs[1]);
            for (var i = 2; i < _arcs.Length; i++) length += SubIdentifierLength(_arcs[i]);
            return length;
        }
    }

    public void Encode(Span<byte> destination)
    {
        var position = WriteSubIdentifier(destination, 40UL * _arcs[0] + _arcs[1]);
        for (var i = 2; i < _arcs.Length; i++) position += WriteSubIdentifier(destination[position..], _arcs[i]);
    }

    private static int SubIdentifierLength(ulong value)
    {
        var length = 1;
        while ((value >>= 7) != 0) length++;
        return length;
    }

    private static int WriteSubIdentifier(Span<byte> destination, ulong value)
    {
        var length = SubIdentifierLength(value);
        for (var i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)((value & 0x7F) | (i == length - 1 ? 0UL : 0x80UL));
            value >>= 7;
        }
        return length;
    }

    public int CompareTo(Oid? other) => other is null ? 1 : Arcs.SequenceCompareTo(other.Arcs);

    public bool Equals(Oid? other) => other is not null && Arcs.SequenceEqual(other.Arcs);
    public override bool Equals(object? obj) => Equals(obj as Oid);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var arc in _arcs) hash.Add(arc);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var arc in _arcs) text.Append(text.Length == 0 ? "" : ".").Append(arc);
        return text.ToString();
    }
}
