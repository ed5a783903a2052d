namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// What one aggregation interval of an exporter's flows says about scans and floods. Distinct counts are exact up
/// to 2,048 keys and lower bounds beyond (the talker tables are bounded); entropies are in bits, over flows.
/// Ports are source and destination ports together, as the talker table keeps them.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.flow-security-features.v1")]
public sealed record FlowSecurityFeatures(
    [property: Id(0)] long Flows,
    [property: Id(1)] int DistinctSources,
    [property: Id(2)] int DistinctDestinations,
    [property: Id(3)] int DistinctPorts,
    [property: Id(4)] double SynShare,
    [property: Id(5)] double BytesPerPacket,
    [property: Id(6)] double PacketsPerFlow,
    [property: Id(7)] double SourceEntropy,
    [property: Id(8)] double PortEntropy);
