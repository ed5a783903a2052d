namespace NetworkGrains.Protocols.Snmp;

/// <summary>BER primitives shared by the reader and the writer.</summary>
public static class Ber
{
    /// <summary>A two's-complement INTEGER of 1 to 8 octets, minimally encoded or not (agents vary).</summary>
    public static bool TryDecodeInteger(ReadOnlySpan<byte> content, out long value)
    {
        value = 0;
        if (content.IsEmpty || content.Length > 8) return false;
        value = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++) value = (value << 8) | content[i];
        return true;
    }

    /// <summary>An unsigned value of at most <paramref name="maxBits"/> bits (a leading 0x00 octet is allowed).</summary>
    public static bool TryDecodeUnsigned(ReadOnlySpan<byte> content, int maxBits, out ulong value)
    {
        value = 0;
        if (content.IsEmpty) return false;
        if (content.Length > 1 && content[0] == 0) content = content[1..];
        if (content.Length > maxBits / 8) return false;
        if ((sbyte)content[0] < 0 && content.Length == maxBits / 8 + 1) return false;
        foreach (var b in content) value = (value << 8) | b;
        return true;
    }

    public static int IntegerLength(long value)
    {
        var length = 1;
        while (length < 8 && (value >> (8 * length - 1)) is not (0 or -1)) length++;
        return length;
    }

    public static int UnsignedLength(ulong value)
    {
        var length = 1;
        // The encoding is two's complement, so a value with its top bit set needs a leading zero octet.
        while (length < 9 && value >> (8 * length - 1) != 0) length++;
        return length;
    }

    public static int LengthOfLength(int length) => length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : length <= 0xFFFFFF ? 4 : 5;
}
