using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>NetFlow v5: a 24-byte header and up to 30 fixed 48-byte records (Cisco's export format documentation).</summary>
public static class NetFlowV5
{
    public const int HeaderLength = 24;
    public const int RecordLength = 48;
    private const int MaxRecords = 30;

    /// <summary>Decodes one datagram into <paramref name="sink"/>; false when the header itself is unusable (counted).</summary>
    public static bool Decode<TSink>(ReadOnlySpan<byte> datagram, TSink sink) where TSink : IFlowSink
    {
        if (datagram.Length < HeaderLength) { sink.OnDrop(FlowDropReason.Truncated); return false; }
        if (ReadUInt16BigEndian(datagram) != 5) { sink.OnDrop(FlowDropReason.UnsupportedVersion); return false; }
        int count = ReadUInt16BigEndian(datagram[2..]);
        if (count is 0 or > MaxRecords || datagram.Length < HeaderLength + count * RecordLength)
        {
            sink.OnDrop(FlowDropReason.Truncated);
            return false;
        }

        var upTime = ReadUInt32BigEndian(datagram[4..]);
        var exportMilliseconds = ReadUInt32BigEndian(datagram[8..]) * 1000L + ReadUInt32BigEndian(datagram[12..]) / 1_000_000;
        // The top two bits are the sampling mode, the other 14 the interval (0 means unsampled).
        var interval = (uint)(ReadUInt16BigEndian(datagram[22..]) & 0x3FFF);
        var record = new FlowRecord { SamplingInterval = Math.Max(interval, 1), Direction = FlowDirection.Ingress };

        var records = datagram.Slice(HeaderLength, count * RecordLength);
        for (var offset = 0; offset < records.Length; offset += RecordLength)
        {
            var r = records.Slice(offset, RecordLength);
            record.Source = FlowAddress.FromIPv4(ReadUInt32BigEndian(r));
            record.Destination = FlowAddress.FromIPv4(ReadUInt32BigEndian(r[4..]));
            record.NextHop = FlowAddress.FromIPv4(ReadUInt32BigEndian(r[8..]));
            record.InputInterface = ReadUInt16BigEndian(r[12..]);
            record.OutputInterface = ReadUInt16BigEndian(r[14..]);
            record.Packets = ReadUInt32BigEndian(r[16..]);
            record.Bytes = ReadUInt32BigEndian(r[20..]);
            record.StartMilliseconds = FlowTime.FromUpTime(exportMilliseconds, upTime, ReadUInt32BigEndian(r[24..]));
            record.EndMilliseconds = FlowTime.FromUpTime(exportMilliseconds, upTime, ReadUInt32BigEndian(r[28..]));
            record.SourcePort = ReadUInt16BigEndian(r[32..]);
            record.DestinationPort = ReadUInt16BigEndian(r[34..]);
            record.TcpFlags = r[37];
            record.Protocol = r[38];
            record.SourceAs = ReadUInt16BigEndian(r[40..]);
            record.DestinationAs = ReadUInt16BigEndian(r[42..]);
            sink.OnRecord(record);
        }
        return true;
    }
}
