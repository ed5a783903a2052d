namespace NetworkGrains.Protocols.Flows;

/// <summary>Receives what a decoder finds in one datagram. The record is only valid during the call.</summary>
public interface IFlowSink
{
    void OnRecord(in FlowRecord record);

    /// <summary>
    /// One thing in the datagram was skipped: the datagram (its header unusable, or shorter than the header says),
    /// a set, a template or a record, counted once per reason; decoding goes on with the next set. A count the
    /// datagram claims is never what is counted: a 24-byte v5 header claiming 65,535 records is one truncated datagram.
    /// </summary>
    void OnDrop(FlowDropReason reason);
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
