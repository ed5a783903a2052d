using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// IPFIX (RFC 7011): a 16-byte header whose length field bounds the message, then sets: 2 templates, 3 options
/// templates, 256 and up data. Enterprise-specific fields carry a 4-byte enterprise number and are skipped (but for
/// a biflow's reverse counters, RFC 5103: see <see cref="DataRecords"/>);
/// variable-length fields carry their length; a template with no fields withdraws it (RFC 7011 §8.1).
/// </summary>
public static class Ipfix
{
    public const int HeaderLength = 16;

    public static bool Decode<TSink>(ReadOnlySpan<byte> datagram, FlowAddress exporter, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        if (datagram.Length < HeaderLength) { sink.OnDrop(FlowDropReason.Truncated); return false; }
        if (ReadUInt16BigEndian(datagram) != 10) { sink.OnDrop(FlowDropReason.UnsupportedVersion); return false; }
        int messageLength = ReadUInt16BigEndian(datagram[2..]);
        if (messageLength < HeaderLength || messageLength > datagram.Length) { sink.OnDrop(FlowDropReason.Truncated); return false; }
        var context = new ExportContext(exporter, ReadUInt32BigEndian(datagram[12..]), ReadUInt32BigEndian(datagram[4..]) * 1000L, null);

        var sets = new FlowSetReader(datagram[HeaderLength..messageLength]);
        while (sets.TryNext(out var id, out var body))
        {
            switch (id)
            {
                case 2: ReadTemplates(body, isOptions: false, context, cache, sink); break;
                case 3: ReadTemplates(body, isOptions: true, context, cache, sink); break;
                case >= 256: DataRecords.DecodeSet(body, id, context, cache, sink); break;
            }
        }
        if (sets.BadLength) { sink.OnDrop(FlowDropReason.BadSetLength); return false; }
        return true;
    }

    private static void ReadTemplates<TSink>(ReadOnlySpan<byte> body, bool isOptions, in ExportContext context, TemplateCache cache, TSink sink)
        where TSink : IFlowSink
    {
        var headerLength = isOptions ? 6 : 4;
        Span<TemplateField> buffer = stackalloc TemplateField[FlowTemplate.MaxFields];
        while (body.Length >= 4)
        {
            var templateId = ReadUInt16BigEndian(body);
            int count = ReadUInt16BigEndian(body[2..]);
            if (count == 0)
            {
                // Withdrawal: of one template, or of all of the set's kind when the set id is given (RFC 7011 §8.1).
                if (templateId == (isOptions ? 3 : 2)) cache.WithdrawAll(context.Exporter, context.Domain, isOptions);
                else cache.Withdraw(context.Exporter, context.Domain, templateId);
                body = body[4..];
                continue;
            }
            if (templateId < 256 || count > FlowTemplate.MaxFields || body.Length < headerLength)
            {
                sink.OnDrop(FlowDropReason.BadTemplate);
                return;
            }
            var fields = buffer[..count];
            var position = headerLength;
            for (var i = 0; i < count; i++)
            {
                if (position + 4 > body.Length) { sink.OnDrop(FlowDropReason.BadTemplate); return; }
                var element = ReadUInt16BigEndian(body[position..]);
                var length = ReadUInt16BigEndian(body[(position + 2)..]);
                position += 4;
                uint enterprise = 0;
                if ((element & 0x8000) != 0)
                {
                    if (position + 4 > body.Length) { sink.OnDrop(FlowDropReason.BadTemplate); return; }
                    enterprise = ReadUInt32BigEndian(body[position..]);
                    position += 4;
                }
                fields[i] = new TemplateField((ushort)(element & 0x7FFF), length, enterprise);
            }
            body = body[position..];

            if (!FlowTemplate.IsUsable(fields)) sink.OnDrop(FlowDropReason.BadTemplate);
            else if (!cache.Store(context.Exporter, context.Domain, templateId, isOptions, fields)) sink.OnDrop(FlowDropReason.TemplateLimit);
        }
    }
}
