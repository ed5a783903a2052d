namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// What top talkers are ranked by: source or destination address, protocol/port (a flow counts for both its
/// ports, as nfdump's `-s port` counts them), IP protocol, and AS (both the source and the destination AS).
/// </summary>
public enum FlowDimension
{
    Source,
    Destination,
    Port,
    Protocol,
    As,
}

/// <summary>The traffic one key (an address, "tcp/443", "udp", "AS65001") accounts for, scaled by sampling.</summary>
[GenerateSerializer, Immutable, Alias("ng.talker.v1")]
public sealed record Talker(
    [property: Id(0)] string Key,
    [property: Id(1)] long Flows,
    [property: Id(2)] long Packets,
    [property: Id(3)] long Bytes);

/// <summary>
/// The heaviest keys of one dimension over some span, by bytes and by packets (one list holds both rankings).
/// A key may be undercounted by at most <see cref="MaxUndercountBytes"/> / <see cref="MaxUndercountPackets"/>:
/// zero means every count is exact.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.top-talkers.v1")]
public sealed record TopTalkers(
    [property: Id(0)] FlowDimension Dimension,
    [property: Id(1)] Talker[] Talkers,
    [property: Id(2)] long MaxUndercountBytes,
    [property: Id(3)] long MaxUndercountPackets);
