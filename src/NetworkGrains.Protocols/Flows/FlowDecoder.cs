using static System.Buffers.Binary.BinaryPrimitives;

namespace NetworkGrains.Protocols.Flows;

/// <summary>
/// Decodes a flow export datagram by the version in its first two bytes: 5, 9 or 10 (IPFIX). One per receive loop;
/// the observer hears of the templates its cache learns and lacks.
/// </summary>
public sealed class FlowDecoder(TimeProvider clock, ITemplateObserver? observer = null)
{
    public TemplateCache Templates { get; } = new(clock, observer);

    public bool Decode<TSink>(ReadOnlySpan<byte> datagram, FlowAddress exporter, TSink sink) where TSink : IFlowSink
    {
        if (datagram.Length < 2) { sink.OnDrop(FlowDropReason.Truncated); return false; }
        switch (ReadUInt16BigEndian(datagram))
        {
            case 5: return NetFlowV5.Decode(datagram, sink);
            case 9: return NetFlowV9.Decode(datagram, exporter, Templates, sink);
            case 10: return Ipfix.Decode(datagram, exporter, Templates, sink);
            default: sink.OnDrop(FlowDropReason.UnsupportedVersion); return false;
        }
    }
}
