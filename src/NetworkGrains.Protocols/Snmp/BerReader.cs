namespace NetworkGrains.Protocols.Snmp;

/// <summary>
/// Reads BER TLVs from a span without allocating. Every method either advances past one well-formed element and
/// returns true, or returns false, leaves the position alone and records the first <see cref="Error"/>.
/// Lengths are definite (SNMP never uses the indefinite form) and checked against what remains.
/// </summary>
public ref struct BerReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public SnmpDecodeError Error { get; private set; }
    public readonly bool IsEmpty => _position == _data.Length;
    public readonly int Position => _position;
    public readonly ReadOnlySpan<byte> Remaining => _data[_position..];

    /// <summary>The tag of the next element, without consuming it.</summary>
    public readonly bool TryPeekTag(out byte tag)
    {
        tag = 0;
        if (IsEmpty) return false;
        tag = _data[_position];
        return true;
    }

    /// <summary>Reads one element of any tag: its tag, content and the whole encoding (header included).</summary>
    public bool TryReadElement(out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded)
    {
        content = encoded = default;
        if (!TryReadHeader(out tag, out var headerLength, out var length)) return false;
        var start = _position;
        encoded = _data.Slice(start, headerLength + length);
        content = _data.Slice(start + headerLength, length);
        _position = start + headerLength + length;
        return true;
    }

    /// <summary>Reads an element that must have <paramref name="expectedTag"/>; returns its content.</summary>
    public bool TryRead(byte expectedTag, out ReadOnlySpan<byte> content)
    {
        content = default;
        var start = _position;
        if (!TryReadElement(out var tag, out content, out _)) return false;
        if (tag == expectedTag) return true;
        _position = start;
        return Fail(SnmpDecodeError.UnexpectedTag);
    }

    /// <summary>A reader over the content of a constructed element (SEQUENCE or PDU) with <paramref name="expectedTag"/>.</summary>
    public bool TryEnter(byte expectedTag, out BerReader inner)
    {
        inner = default;
        if (!TryRead(expectedTag, out var content)) return false;
        inner = new BerReader(content);
        return true;
    }

    public bool TryReadInteger(byte expectedTag, out long value)
    {
        value = 0;
        var start = _position;
        if (!TryRead(expectedTag, out var content)) return false;
        if (Ber.TryDecodeInteger(content, out value)) return true;
        _position = start;
        return Fail(SnmpDecodeError.BadInteger);
    }

    public bool TryReadInt32(out int value)
    {
        value = 0;
        var start = _position;
        if (!TryReadInteger(BerTag.Integer, out var wide)) return false;
        if (wide is >= int.MinValue and <= int.MaxValue) { value = (int)wide; return true; }
        _position = start;
        return Fail(SnmpDecodeError.BadInteger);
    }

    /// <summary>An unsigned application integer (Counter32, Gauge32, TimeTicks: 32 bits; Counter64: 64 bits).</summary>
    public bool TryReadUnsigned(byte expectedTag, int maxBits, out ulong value)
    {
        value = 0;
        var start = _position;
        if (!TryRead(expectedTag, out var content)) return false;
        if (Ber.TryDecodeUnsigned(content, maxBits, out value)) return true;
        _position = start;
        return Fail(SnmpDecodeError.BadInteger);
    }

    public bool TryReadOctetString(out ReadOnlySpan<byte> value) => TryRead(BerTag.OctetString, out value);

    public bool TryReadNull()
    {
        var start = _position;
        if (!TryRead(BerTag.Null, out var content)) return false;
        if (content.IsEmpty) return true;
        _position = start;
        return Fail(SnmpDecodeError.BadLength);
    }

    public bool TryReadObjectIdentifier(out Oid oid)
    {
        oid = null!;
        var start = _position;
        if (!TryRead(BerTag.ObjectIdentifier, out var content)) return false;
        if (Oid.TryDecode(content, out oid)) return true;
        _position = start;
        return Fail(SnmpDecodeError.BadObjectIdentifier);
    }

    public bool Fail(SnmpDecodeError error)
    {
        if (Error == SnmpDecodeError.None) Error = error;
        return false;
    }

    private bool TryReadHeader(out byte tag, out int headerLength, out int length)
    {
        tag = 0;
        headerLength = length = 0;
        var remaining = _data[_position..];
        if (remaining.Length < 2) return Fail(SnmpDecodeError.Truncated);
        tag = remaining[0];
        // Multi-byte tags (low five bits all set) are never used by SNMP.
        if ((tag & 0x1F) == 0x1F) return Fail(SnmpDecodeError.UnexpectedTag);

        var first = remaining[1];
        if (first < 0x80)
        {
            (headerLength, length) = (2, first);
        }
        else
        {
            var octets = first & 0x7F;
            // 0x80 is the indefinite form; more than 4 length octets cannot describe a datagram.
            if (octets is 0 or > 4) return Fail(SnmpDecodeError.BadLength);
            if (remaining.Length < 2 + octets) return Fail(SnmpDecodeError.Truncated);
            long wide = 0;
            for (var i = 0; i < octets; i++) wide = (wide << 8) | remaining[2 + i];
            if (wide > int.MaxValue) return Fail(SnmpDecodeError.BadLength);
            (headerLength, length) = (2 + octets, (int)wide);
        }
        if ((uint)length > (uint)(remaining.Length - headerLength)) return Fail(SnmpDecodeError.Truncated);
        return true;
    }
}
