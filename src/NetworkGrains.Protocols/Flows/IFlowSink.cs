namespace NetworkGrains.Protocols.Flows;

/// <summary>Receives what a decoder finds in one datagram. The record is only valid during the call.</summary>
public interface IFlowSink
{
    void OnRecord(in FlowRecord record);

    /// <summary>Something in the datagram was skipped (counted per reason); decoding goes on with the next set.</summary>
    void OnDrop(FlowDropReason reason, int records = 1);
}

/// <summary>Why (part of) a datagram was not decoded. Names are what /metrics shows.</summary>
public enum FlowDropReason
{
    Truncated,
    UnsupportedVersion,
    BadSetLength,
    UnknownTemplate,
    BadTemplate,
    TemplateLimit,
    AbsurdSampling,
    BadRecord,
}
