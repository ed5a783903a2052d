using System.Net;
using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// Writes every datagram the simulator sends as an IPv4/UDP packet in a pcap file (link type RAW), so that
/// Wireshark, tshark or nfdump's tools can check what went on the wire.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private const uint LinkTypeRaw = 101;
    private readonly FileStream _file;
    private readonly Lock _lock = new();

    public PcapWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = File.Create(path);
        var header = new byte[24];
        WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        WriteUInt16LittleEndian(header.AsSpan(4), 2);
        WriteUInt16LittleEndian(header.AsSpan(6), 4);
        WriteUInt32LittleEndian(header.AsSpan(16), 65_535);
        WriteUInt32LittleEndian(header.AsSpan(20), LinkTypeRaw);
        _file.Write(header);
    }

    public void Write(byte[] payload, IPEndPoint from, IPEndPoint to)
    {
        var packet = new byte[28 + payload.Length];
        packet[0] = 0x45; // IPv4, 20-byte header
        WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64; // TTL
        packet[9] = 17; // UDP
        from.Address.TryWriteBytes(packet.AsSpan(12), out _);
        to.Address.TryWriteBytes(packet.AsSpan(16), out _);
        WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20)));
        WriteUInt16BigEndian(packet.AsSpan(20), (ushort)from.Port);
        WriteUInt16BigEndian(packet.AsSpan(22), (ushort)to.Port);
        WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + payload.Length)); // UDP checksum 0: none (allowed over IPv4)
        payload.CopyTo(packet.AsSpan(28));

        var now = DateTimeOffset.UtcNow;
        var record = new byte[16];
        WriteUInt32LittleEndian(record, (uint)now.ToUnixTimeSeconds());
        WriteUInt32LittleEndian(record.AsSpan(4), (uint)(now.ToUnixTimeMilliseconds() % 1000 * 1000));
        WriteUInt32LittleEndian(record.AsSpan(8), (uint)packet.Length);
        WriteUInt32LittleEndian(record.AsSpan(12), (uint)packet.Length);
        lock (_lock)
        {
            _file.Write(record);
            _file.Write(packet);
        }
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2) sum += ReadUInt16BigEndian(header[i..]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    public void Dispose()
    {
        lock (_lock) _file.Dispose();
    }
}
