using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// NetFlow v9 (RFC 3954): a 20-byte header, then FlowSets: 0 templates, 1 options templates, 256 and up data.
/// Templates are kept per (exporter, source id, template id) in the <see cref="TemplateCache"/>.
/// </summary>
public static class NetFlowV9
{
    public const int HeaderLength = 20;

    public static bool Decode<TSink>(ReadOnlySpan<byte> datagram, FlowAddress exporter, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        if (datagram.Length < HeaderLength) { sink.OnDrop(FlowDropReason.Truncated); return false; }
        if (ReadUInt16BigEndian(datagram) != 9) { sink.OnDrop(FlowDropReason.UnsupportedVersion); return false; }
        var upTime = ReadUInt32BigEndian(datagram[4..]);
        var context = new ExportContext(exporter, ReadUInt32BigEndian(datagram[16..]), ReadUInt32BigEndian(datagram[8..]) * 1000L, upTime);

        var sets = new FlowSetReader(datagram[HeaderLength..]);
        while (sets.TryNext(out var id, out var body))
        {
            switch (id)
            {
                case 0: ReadTemplates(body, context, cache, sink); break;
                case 1: ReadOptionsTemplates(body, context, cache, sink); break;
                case >= 256: DataRecords.DecodeSet(body, id, context, cache, sink); break;
            }
        }
        if (sets.BadLength) { sink.OnDrop(FlowDropReason.BadSetLength); return false; }
        return true;
    }

    private static void ReadTemplates<TSink>(ReadOnlySpan<byte> body, in ExportContext context, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        while (body.Length >= 4)
        {
            var templateId = ReadUInt16BigEndian(body);
            int count = ReadUInt16BigEndian(body[2..]);
            if (templateId < 256 || count == 0 || count > FlowTemplate.MaxFields || body.Length < 4 + count * 4)
            {
                sink.OnDrop(FlowDropReason.BadTemplate);
                return;
            }
            Store(templateId, isOptions: false, body.Slice(4, count * 4), context, cache, sink);
            body = body[(4 + count * 4)..];
        }
    }

    /// <summary>Options templates give scope and option lengths in bytes; the scope fields are read like the others.</summary>
    private static void ReadOptionsTemplates<TSink>(ReadOnlySpan<byte> body, in ExportContext context, TemplateCache cache, TSink sink) where TSink : IFlowSink
    {
        while (body.Length >= 6)
        {
            var templateId = ReadUInt16BigEndian(body);
            int scopeBytes = ReadUInt16BigEndian(body[2..]);
            int optionBytes = ReadUInt16BigEndian(body[4..]);
            var fieldBytes = scopeBytes + optionBytes;
            if (templateId < 256 || fieldBytes == 0 || fieldBytes % 4 != 0 || fieldBytes / 4 > FlowTemplate.MaxFields || body.Length < 6 + fieldBytes)
            {
                sink.OnDrop(FlowDropReason.BadTemplate);
                return;
            }
            Store(templateId, isOptions: true, body.Slice(6, fieldBytes), context, cache, sink);
            body = body[(6 + fieldBytes)..];
            // The set is padded to four bytes; what is left after the last template is padding.
        }
    }

    private static void Store<TSink>(ushort templateId, bool isOptions, ReadOnlySpan<byte> specs, in ExportContext context, TemplateCache cache, TSink sink)
        where TSink : IFlowSink
    {
        Span<TemplateField> fields = stackalloc TemplateField[specs.Length / 4];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new TemplateField(ReadUInt16BigEndian(specs[(i * 4)..]), ReadUInt16BigEndian(specs[(i * 4 + 2)..]), 0);
            // v9 has no variable-length fields: 65535 is just an impossible length here.
            if (fields[i].IsVariable) { sink.OnDrop(FlowDropReason.BadTemplate); return; }
        }
        if (!FlowTemplate.IsUsable(fields)) sink.OnDrop(FlowDropReason.BadTemplate);
        else if (!cache.Store(context.Exporter, context.Domain, templateId, isOptions, fields)) sink.OnDrop(FlowDropReason.TemplateLimit);
    }
}
