using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>Where a data set came from and the clocks of its message header (v9 has sysUpTime, IPFIX does not).</summary>
internal readonly record struct ExportContext(FlowAddress Exporter, uint Domain, long ExportMilliseconds, uint? UpTimeAtExport);

/// <summary>
/// Decodes the data records of one set with its template, for NetFlow v9 and IPFIX alike (their information element
/// numbers agree for everything read here). Data records become flows; options records update the exporter's
/// sampling. Enterprise-specific and unknown elements are skipped by their length, except the reverse direction's
/// counters of a biflow (RFC 5103): such a record becomes two flows, the second with its addresses, ports and ASes
/// swapped (and its interfaces, when it names both).
/// </summary>
internal static class DataRecords
{
    /// <summary>RFC 5103's reverse information elements: the same element ids under this enterprise number.</summary>
    private const uint ReverseEnterprise = 29_305;
    private const uint MaxSamplingInterval = 1u << 24;
    private const long NtpToUnixSeconds = 2_208_988_800;

    /// <summary>A data set: its id names the template; without one (never sent, expired, withdrawn) the set is counted as dropped.</summary>
    public static void DecodeSet<TSink>(ReadOnlySpan<byte> records, ushort templateId, in ExportContext context, TemplateCache cache, TSink sink)
        where TSink : IFlowSink
    {
        if (cache.Find(context.Exporter, context.Domain, templateId) is not { } template)
        {
            sink.OnDrop(FlowDropReason.UnknownTemplate);
            return;
        }
        while (records.Length >= template.MinRecordLength)
        {
            var fields = new RecordFields();
            var consumed = Read(records, template, ref fields);
            if (consumed < 0) { sink.OnDrop(FlowDropReason.BadRecord); return; }
            records = records[consumed..];
            if (template.IsOptions) ApplyOptions(in fields, context, cache, sink);
            else Emit(ref fields, context, cache, sink);
        }
    }

    /// <summary>Reads one record's fields; returns its length, or -1 when it runs past the set.</summary>
    private static int Read(ReadOnlySpan<byte> records, FlowTemplate template, ref RecordFields fields)
    {
        var position = 0;
        foreach (var field in template.Fields)
        {
            int length = field.Length;
            if (field.IsVariable)
            {
                if (position >= records.Length) return -1;
                length = records[position++];
                if (length == 255)
                {
                    if (position + 2 > records.Length) return -1;
                    length = ReadUInt16BigEndian(records[position..]);
                    position += 2;
                }
            }
            if (position + length > records.Length) return -1;
            if (length > 0)
            {
                if (field.Enterprise == 0) fields.Set(field.Element, records.Slice(position, length));
                else if (field.Enterprise == ReverseEnterprise) fields.SetReverse(field.Element, records.Slice(position, length));
            }
            position += length;
        }
        return position;
    }

    private static void Emit<TSink>(ref RecordFields fields, in ExportContext context, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        ref var record = ref fields.Record;
        var systemInit = fields.SystemInit ?? cache.SystemInit(context.Exporter, context.Domain);
        record.StartMilliseconds = RecordFields.Time(fields.StartKind, fields.StartValue, systemInit, context);
        record.EndMilliseconds = RecordFields.Time(fields.EndKind, fields.EndValue, systemInit, context);

        var interval = fields.SamplingInterval(out var absurd);
        if (absurd) sink.OnDrop(FlowDropReason.AbsurdSampling);
        record.SamplingInterval = interval ?? cache.Sampling(context.Exporter, context.Domain, fields.SamplerId);
        sink.OnRecord(record);
        if (fields.HasReverse) sink.OnRecord(fields.Reverse());
    }

    private static void ApplyOptions<TSink>(in RecordFields fields, in ExportContext context, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        var interval = fields.SamplingInterval(out var absurd);
        if (absurd) sink.OnDrop(FlowDropReason.AbsurdSampling);
        if (interval is { } value) cache.SetSampling(context.Exporter, context.Domain, fields.SamplerId ?? 0, value);
        if (fields.SystemInit is { } systemInit) cache.SetSystemInit(context.Exporter, context.Domain, systemInit);
    }

    /// <summary>The fields of one record as they are read; times and sampling are resolved once all are known.</summary>
    private struct RecordFields
    {
        public FlowRecord Record;
        public ulong? SamplerId;
        public TimeKind StartKind, EndKind;
        public ulong StartValue, EndValue;
        /// <summary>IPFIX systemInitTimeMilliseconds: what sysUpTime-based times count from.</summary>
        public ulong? SystemInit;
        /// <summary>A biflow's reverse direction (RFC 5103): what its packets and octets and TCP flags were.</summary>
        private ulong _reverseBytes, _reversePackets;
        private byte _reverseTcpFlags;
        private ulong? _interval, _packetInterval, _packetSpace;

        public RecordFields() => Record.Direction = FlowDirection.Unknown;

        public void Set(ushort element, ReadOnlySpan<byte> value)
        {
            switch (element)
            {
                case 1 or 85: Record.Bytes = Unsigned(value); break;
                case 2 or 86: Record.Packets = Unsigned(value); break;
                case 4: Record.Protocol = (byte)Unsigned(value); break;
                case 6: Record.TcpFlags = (byte)Unsigned(value); break;
                case 7: Record.SourcePort = (ushort)Unsigned(value); break;
                case 11: Record.DestinationPort = (ushort)Unsigned(value); break;
                case 8: if (value.Length == 4) Record.Source = FlowAddress.FromIPv4(ReadUInt32BigEndian(value)); break;
                case 12: if (value.Length == 4) Record.Destination = FlowAddress.FromIPv4(ReadUInt32BigEndian(value)); break;
                case 15: if (value.Length == 4) Record.NextHop = FlowAddress.FromIPv4(ReadUInt32BigEndian(value)); break;
                case 27: if (value.Length == 16) Record.Source = FlowAddress.FromIPv6(value); break;
                case 28: if (value.Length == 16) Record.Destination = FlowAddress.FromIPv6(value); break;
                case 62: if (value.Length == 16) Record.NextHop = FlowAddress.FromIPv6(value); break;
                case 10: Record.InputInterface = (uint)Unsigned(value); break;
                case 14: Record.OutputInterface = (uint)Unsigned(value); break;
                case 16: Record.SourceAs = (uint)Unsigned(value); break;
                case 17: Record.DestinationAs = (uint)Unsigned(value); break;
                case 58 or 243: Record.Vlan = (ushort)Unsigned(value); break;
                case 61: Record.Direction = Unsigned(value) == 1 ? FlowDirection.Egress : FlowDirection.Ingress; break;
                case 22: (StartKind, StartValue) = (TimeKind.UpTime, Unsigned(value)); break;
                case 21: (EndKind, EndValue) = (TimeKind.UpTime, Unsigned(value)); break;
                case 150: (StartKind, StartValue) = (TimeKind.Seconds, Unsigned(value)); break;
                case 151: (EndKind, EndValue) = (TimeKind.Seconds, Unsigned(value)); break;
                case 152: (StartKind, StartValue) = (TimeKind.Milliseconds, Unsigned(value)); break;
                case 153: (EndKind, EndValue) = (TimeKind.Milliseconds, Unsigned(value)); break;
                case 154 or 156: (StartKind, StartValue) = (TimeKind.Ntp, Unsigned(value)); break;
                case 155 or 157: (EndKind, EndValue) = (TimeKind.Ntp, Unsigned(value)); break;
                case 158: (StartKind, StartValue) = (TimeKind.DeltaMicroseconds, Unsigned(value)); break;
                case 159: (EndKind, EndValue) = (TimeKind.DeltaMicroseconds, Unsigned(value)); break;
                case 160: SystemInit = Unsigned(value); break;
                case 34 or 50: _interval = Unsigned(value); break;
                case 305: _packetInterval = Unsigned(value); break;
                case 306: _packetSpace = Unsigned(value); break;
                case 48 or 302: SamplerId = Unsigned(value); break;
            }
        }

        /// <summary>
        /// A reverse element: counters and TCP flags are read (8 bytes at most, reduced-size encoding allowed);
        /// every other one, and a counter longer than a counter can be, is skipped.
        /// </summary>
        public void SetReverse(ushort element, ReadOnlySpan<byte> value)
        {
            if (value.Length > 8) return;
            switch (element)
            {
                case 1 or 85: _reverseBytes = Unsigned(value); break;
                case 2 or 86: _reversePackets = Unsigned(value); break;
                case 6: _reverseTcpFlags = (byte)Unsigned(value); break;
            }
        }

        /// <summary>A biflow with traffic the other way too; one whose reverse counters are zero (an unanswered SYN) is one flow.</summary>
        public readonly bool HasReverse => _reversePackets > 0 || _reverseBytes > 0;

        /// <summary>The reverse flow of a biflow: the record seen from the other end, with the reverse counters.</summary>
        public readonly FlowRecord Reverse()
        {
            var reverse = Record;
            (reverse.Source, reverse.Destination) = (Record.Destination, Record.Source);
            (reverse.SourcePort, reverse.DestinationPort) = (Record.DestinationPort, Record.SourcePort);
            (reverse.SourceAs, reverse.DestinationAs) = (Record.DestinationAs, Record.SourceAs);
            // A probe names only the interface it watches, both directions arriving on it: swap only a pair.
            if (Record.InputInterface != 0 && Record.OutputInterface != 0)
                (reverse.InputInterface, reverse.OutputInterface) = (Record.OutputInterface, Record.InputInterface);
            reverse.NextHop = default;
            (reverse.Bytes, reverse.Packets, reverse.TcpFlags) = (_reverseBytes, _reversePackets, _reverseTcpFlags);
            return reverse;
        }

        /// <summary>1-in-N from samplingInterval, or from PSAMP's packet interval and space (RFC 5477); null when absent.</summary>
        public readonly uint? SamplingInterval(out bool absurd)
        {
            var interval = _interval ?? (_packetInterval is { } taken and > 0 ? (taken + (_packetSpace ?? 0)) / taken : _packetInterval);
            absurd = interval is 0 or > MaxSamplingInterval;
            return interval is null || absurd ? null : (uint)interval.Value;
        }

        public static long Time(TimeKind kind, ulong value, ulong? systemInit, in ExportContext context) => kind switch
        {
            TimeKind.Seconds => (long)Math.Min(value, long.MaxValue / 1000) * 1000,
            TimeKind.Milliseconds => (long)Math.Min(value, long.MaxValue),
            // NTP timestamp (RFC 5905): seconds since 1900 in the high half, fraction in the low half.
            TimeKind.Ntp => ((long)(value >> 32) - NtpToUnixSeconds) * 1000 + (long)((value & 0xFFFF_FFFF) * 1000 >> 32),
            TimeKind.DeltaMicroseconds => context.ExportMilliseconds - (long)Math.Min(value / 1000, int.MaxValue),
            TimeKind.UpTime when systemInit is { } init => (long)Math.Min(init + value, long.MaxValue),
            TimeKind.UpTime when context.UpTimeAtExport is { } upTime => FlowTime.FromUpTime(context.ExportMilliseconds, upTime, (uint)value),
            _ => 0,
        };

        /// <summary>Reduced-size encoding (RFC 7011 §6.2): an unsigned integer in 1 to 8 bytes, big-endian.</summary>
        private static ulong Unsigned(ReadOnlySpan<byte> value)
        {
            ulong result = 0;
            foreach (var b in value.Length > 8 ? value[^8..] : value) result = result << 8 | b;
            return result;
        }
    }

    private enum TimeKind : byte { None, UpTime, Seconds, Milliseconds, Ntp, DeltaMicroseconds }
}
