using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>Builds IPFIX and NetFlow v9 messages field by field, for the cases real exporters rarely send.</summary>
public sealed class ExportBuilder(int version, uint domain = 7, uint exportSeconds = 1_700_000_000)
{
    private readonly List<byte[]> _sets = [];

    public ExportBuilder Set(ushort id, params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        var set = new byte[4 + body.Length];
        WriteUInt16BigEndian(set, id);
        WriteUInt16BigEndian(set.AsSpan(2), (ushort)set.Length);
        body.CopyTo(set, 4);
        _sets.Add(set);
        return this;
    }

    public byte[] Build()
    {
        var headerLength = version == 10 ? 16 : 20;
        var message = new byte[headerLength + _sets.Sum(s => s.Length)];
        WriteUInt16BigEndian(message, (ushort)version);
        if (version == 10)
        {
            WriteUInt16BigEndian(message.AsSpan(2), (ushort)message.Length);
            WriteUInt32BigEndian(message.AsSpan(4), exportSeconds);
            WriteUInt32BigEndian(message.AsSpan(12), domain);
        }
        else
        {
            WriteUInt16BigEndian(message.AsSpan(2), (ushort)_sets.Count);
            WriteUInt32BigEndian(message.AsSpan(4), 60_000); // sysUpTime: one minute
            WriteUInt32BigEndian(message.AsSpan(8), exportSeconds);
            WriteUInt32BigEndian(message.AsSpan(16), domain);
        }
        var offset = headerLength;
        foreach (var set in _sets) { set.CopyTo(message, offset); offset += set.Length; }
        return message;
    }

    public static byte[] U8(byte value) => [value];
    public static byte[] U16(int value) { var b = new byte[2]; WriteUInt16BigEndian(b, (ushort)value); return b; }
    public static byte[] U32(uint value) { var b = new byte[4]; WriteUInt32BigEndian(b, value); return b; }
    public static byte[] U64(ulong value) { var b = new byte[8]; WriteUInt64BigEndian(b, value); return b; }
    public static byte[] Ip(params byte[] address) => address;
}
