using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Integration.Tests.Flows;

/// <summary>
/// Writes a pcap of ordinary IPv4 TCP and UDP packets with known flows (distinct 5-tuples), so that what an
/// exporter reports can be checked against the truth: flows, packets and bytes (IP total length, as NetFlow counts).
/// </summary>
public static class SyntheticPcap
{
    public sealed record Truth(long Flows, long Packets, long Bytes);

    public static Truth Write(string path, int flows, int seed)
    {
        var random = new Random(seed);
        using var file = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        WriteUInt16LittleEndian(header[4..], 2);
        WriteUInt16LittleEndian(header[6..], 4);
        WriteUInt32LittleEndian(header[16..], 65_535);
        WriteUInt32LittleEndian(header[20..], 1); // Ethernet
        file.Write(header);

        var time = 1_700_000_000_000_000L; // microseconds
        long packets = 0, bytes = 0;
        var frame = new byte[14 + 20 + 20 + 1_400];
        var record = new byte[16];
        for (var f = 0; f < flows; f++)
        {
            var udp = f % 3 == 0;
            var source = 0x0A000000u | (uint)(f % 50 + 1);                // 10.0.0.x
            var destination = 0xC0A80000u | (uint)(f % 200 + 1);          // 192.168.0.x
            var (sourcePort, destinationPort) = ((ushort)(20_000 + f), (ushort)(new[] { 53, 80, 443, 22, 8080 }[f % 5]));
            var count = random.Next(1, 20);
            for (var p = 0; p < count; p++)
            {
                var payload = random.Next(0, 1_200);
                var l4 = udp ? 8 : 20;
                var total = 20 + l4 + payload;
                Array.Clear(frame);
                frame[12] = 0x08; // IPv4
                var ip = frame.AsSpan(14);
                ip[0] = 0x45;
                WriteUInt16BigEndian(ip[2..], (ushort)total);
                ip[8] = 64;
                ip[9] = (byte)(udp ? 17 : 6);
                WriteUInt32BigEndian(ip[12..], source);
                WriteUInt32BigEndian(ip[16..], destination);
                WriteUInt16BigEndian(ip[10..], Checksum(ip[..20]));
                var transport = ip[20..];
                WriteUInt16BigEndian(transport, sourcePort);
                WriteUInt16BigEndian(transport[2..], destinationPort);
                if (udp) WriteUInt16BigEndian(transport[4..], (ushort)(8 + payload));
                else
                {
                    transport[12] = 0x50;
                    transport[13] = (byte)(p == 0 ? 0x02 : 0x18); // SYN, then PSH+ACK
                }

                time += random.Next(100, 5_000);
                var length = 14 + total;
                WriteUInt32LittleEndian(record, (uint)(time / 1_000_000));
                WriteUInt32LittleEndian(record.AsSpan(4), (uint)(time % 1_000_000));
                WriteUInt32LittleEndian(record.AsSpan(8), (uint)length);
                WriteUInt32LittleEndian(record.AsSpan(12), (uint)length);
                file.Write(record);
                file.Write(frame, 0, length);
                packets++;
                bytes += total;
            }
        }
        return new Truth(flows, packets, bytes);
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2) sum += ReadUInt16BigEndian(header[i..]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
