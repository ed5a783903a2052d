using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// The sets after a NetFlow v9 or IPFIX header, laid out alike in both: a 2-byte id, a 2-byte length that includes
/// those four bytes, then the body. Stops at the end, or at a set whose length lies (<see cref="BadLength"/>).
/// </summary>
public ref struct FlowSetReader(ReadOnlySpan<byte> sets)
{
    private const int SetHeaderLength = 4;

    private ReadOnlySpan<byte> _rest = sets;

    /// <summary>True when reading stopped at a set shorter than its header or longer than what is left.</summary>
    public bool BadLength { get; private set; }

    public bool TryNext(out ushort id, out ReadOnlySpan<byte> body)
    {
        id = 0;
        body = default;
        if (_rest.Length < SetHeaderLength) return false;
        int length = ReadUInt16BigEndian(_rest[2..]);
        if (length < SetHeaderLength || length > _rest.Length)
        {
            BadLength = true;
            return false;
        }
        id = ReadUInt16BigEndian(_rest);
        body = _rest[SetHeaderLength..length];
        _rest = _rest[length..];
        return true;
    }
}
