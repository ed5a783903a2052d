using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// Encodes IPv4 flow records as an exporter would: NetFlow v5, or NetFlow v9 / IPFIX with one fixed template
/// (id <see cref="TemplateId"/>: addresses, ports, protocol, TCP flags, 64-bit bytes and packets, interfaces, ASes,
/// start and end time). For load generators and simulated devices; the collector never encodes.
/// </summary>
public sealed class FlowExportWriter
{
    public const ushort TemplateId = 256;
    /// <summary>The v9/IPFIX datagram size aimed for (v5 has its own fixed maximum of 30 records).</summary>
    public const int MaxDatagram = 1_400;

    private static readonly (ushort Id, ushort Length)[] CommonFields =
        [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (1, 8), (2, 8), (10, 4), (14, 4), (16, 4), (17, 4)];

    private readonly int _version;
    private readonly uint _domain;
    private readonly (ushort Id, ushort Length)[] _fields;
    private readonly int _recordLength;
    private uint _sequence;

    /// <param name="version">5, 9 or 10 (IPFIX).</param>
    /// <param name="domain">The v9 source id or IPFIX observation domain.</param>
    public FlowExportWriter(int version, uint domain = 0)
    {
        if (version is not (5 or 9 or 10)) throw new ArgumentOutOfRangeException(nameof(version), version, "5, 9 or 10");
        (_version, _domain) = (version, domain);
        // v9 exporters give times as sysUpTime milliseconds; IPFIX ones as absolute milliseconds.
        _fields = version == 10 ? [.. CommonFields, (152, 8), (153, 8)] : [.. CommonFields, (22, 4), (21, 4)];
        _recordLength = version == 5 ? NetFlowV5.RecordLength : _fields.Sum(f => f.Length);
    }

    /// <summary>How many records one datagram carries at most.</summary>
    public int RecordsPerDatagram => _version == 5 ? 30 : (MaxDatagram - HeaderLength - 4) / _recordLength;

    private int HeaderLength => _version switch { 5 => NetFlowV5.HeaderLength, 9 => 20, _ => 16 };

    /// <summary>A datagram holding only the template (v9/IPFIX; exporters resend it periodically).</summary>
    public byte[] Template()
    {
        if (_version == 5) throw new InvalidOperationException("NetFlow v5 has no templates");
        var body = new byte[4 + 4 + _fields.Length * 4];
        WriteUInt16BigEndian(body, (ushort)(_version == 10 ? 2 : 0));
        WriteUInt16BigEndian(body.AsSpan(2), (ushort)body.Length);
        WriteUInt16BigEndian(body.AsSpan(4), TemplateId);
        WriteUInt16BigEndian(body.AsSpan(6), (ushort)_fields.Length);
        for (var i = 0; i < _fields.Length; i++)
        {
            WriteUInt16BigEndian(body.AsSpan(8 + i * 4), _fields[i].Id);
            WriteUInt16BigEndian(body.AsSpan(10 + i * 4), _fields[i].Length);
        }
        return Message(body, setCount: 1, recordCount: 0, exportMilliseconds: 0, upTimeMilliseconds: 0);
    }

    /// <summary>One datagram with <paramref name="records"/> (at most <see cref="RecordsPerDatagram"/>), exported at the given time.</summary>
    public byte[] Data(ReadOnlySpan<FlowRecord> records, long exportMilliseconds, uint upTimeMilliseconds)
    {
        if (records.Length is 0 || records.Length > RecordsPerDatagram) throw new ArgumentOutOfRangeException(nameof(records));
        var bootMilliseconds = exportMilliseconds - upTimeMilliseconds;
        if (_version == 5)
        {
            var v5 = new byte[records.Length * NetFlowV5.RecordLength];
            for (var i = 0; i < records.Length; i++) WriteV5(v5.AsSpan(i * NetFlowV5.RecordLength), records[i], bootMilliseconds);
            return Message(v5, setCount: 0, records.Length, exportMilliseconds, upTimeMilliseconds);
        }
        var set = new byte[4 + records.Length * _recordLength];
        WriteUInt16BigEndian(set, TemplateId);
        WriteUInt16BigEndian(set.AsSpan(2), (ushort)set.Length);
        for (var i = 0; i < records.Length; i++) WriteFields(set.AsSpan(4 + i * _recordLength), records[i], bootMilliseconds);
        return Message(set, setCount: 1, records.Length, exportMilliseconds, upTimeMilliseconds);
    }

    private byte[] Message(byte[] body, int setCount, int recordCount, long exportMilliseconds, uint upTimeMilliseconds)
    {
        var message = new byte[HeaderLength + body.Length];
        var header = message.AsSpan();
        WriteUInt16BigEndian(header, (ushort)_version);
        var seconds = (uint)(exportMilliseconds / 1000);
        switch (_version)
        {
            case 5:
                WriteUInt16BigEndian(header[2..], (ushort)recordCount);
                WriteUInt32BigEndian(header[4..], upTimeMilliseconds);
                WriteUInt32BigEndian(header[8..], seconds);
                WriteUInt32BigEndian(header[12..], (uint)(exportMilliseconds % 1000 * 1_000_000));
                WriteUInt32BigEndian(header[16..], _sequence);
                _sequence += (uint)recordCount; // v5 counts flows
                break;
            case 9: // count: the records in the packet, template and data (RFC 3954 §5.1); a template datagram holds one
                WriteUInt16BigEndian(header[2..], (ushort)(recordCount > 0 ? recordCount : setCount));
                WriteUInt32BigEndian(header[4..], upTimeMilliseconds);
                WriteUInt32BigEndian(header[8..], seconds);
                WriteUInt32BigEndian(header[12..], _sequence++); // v9 counts export packets
                WriteUInt32BigEndian(header[16..], _domain);
                break;
            default:
                WriteUInt16BigEndian(header[2..], (ushort)message.Length);
                WriteUInt32BigEndian(header[4..], seconds);
                WriteUInt32BigEndian(header[8..], _sequence);
                WriteUInt32BigEndian(header[12..], _domain);
                _sequence += (uint)recordCount; // IPFIX counts data records
                break;
        }
        body.CopyTo(message, HeaderLength);
        return message;
    }

    private static void WriteV5(Span<byte> r, in FlowRecord record, long bootMilliseconds)
    {
        WriteUInt32BigEndian(r, (uint)record.Source.Low);
        WriteUInt32BigEndian(r[4..], (uint)record.Destination.Low);
        WriteUInt32BigEndian(r[8..], (uint)record.NextHop.Low);
        WriteUInt16BigEndian(r[12..], (ushort)record.InputInterface);
        WriteUInt16BigEndian(r[14..], (ushort)record.OutputInterface);
        WriteUInt32BigEndian(r[16..], (uint)record.Packets);
        WriteUInt32BigEndian(r[20..], (uint)record.Bytes);
        WriteUInt32BigEndian(r[24..], (uint)(record.StartMilliseconds - bootMilliseconds));
        WriteUInt32BigEndian(r[28..], (uint)(record.EndMilliseconds - bootMilliseconds));
        WriteUInt16BigEndian(r[32..], record.SourcePort);
        WriteUInt16BigEndian(r[34..], record.DestinationPort);
        r[37] = record.TcpFlags;
        r[38] = record.Protocol;
        WriteUInt16BigEndian(r[40..], (ushort)record.SourceAs);
        WriteUInt16BigEndian(r[42..], (ushort)record.DestinationAs);
    }

    private void WriteFields(Span<byte> r, in FlowRecord record, long bootMilliseconds)
    {
        var offset = 0;
        foreach (var (id, length) in _fields)
        {
            var field = r.Slice(offset, length);
            offset += length;
            switch (id)
            {
                case 8: WriteUInt32BigEndian(field, (uint)record.Source.Low); break;
                case 12: WriteUInt32BigEndian(field, (uint)record.Destination.Low); break;
                case 7: WriteUInt16BigEndian(field, record.SourcePort); break;
                case 11: WriteUInt16BigEndian(field, record.DestinationPort); break;
                case 4: field[0] = record.Protocol; break;
                case 6: field[0] = record.TcpFlags; break;
                case 1: WriteUInt64BigEndian(field, record.Bytes); break;
                case 2: WriteUInt64BigEndian(field, record.Packets); break;
                case 10: WriteUInt32BigEndian(field, record.InputInterface); break;
                case 14: WriteUInt32BigEndian(field, record.OutputInterface); break;
                case 16: WriteUInt32BigEndian(field, record.SourceAs); break;
                case 17: WriteUInt32BigEndian(field, record.DestinationAs); break;
                case 22: WriteUInt32BigEndian(field, (uint)(record.StartMilliseconds - bootMilliseconds)); break;
                case 21: WriteUInt32BigEndian(field, (uint)(record.EndMilliseconds - bootMilliseconds)); break;
                case 152: WriteUInt64BigEndian(field, (ulong)record.StartMilliseconds); break;
                case 153: WriteUInt64BigEndian(field, (ulong)record.EndMilliseconds); break;
            }
        }
    }
}
