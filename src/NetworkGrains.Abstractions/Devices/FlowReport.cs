namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// Flow counts: <see cref="Packets"/> and <see cref="Bytes"/> as exported, <see cref="SampledPackets"/> and
/// <see cref="SampledBytes"/> scaled by each record's sampling interval (equal when the exporter does not sample).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.flow-totals.v1")]
public readonly record struct FlowTotals(
    [property: Id(0)] long Flows,
    [property: Id(1)] long Packets,
    [property: Id(2)] long Bytes,
    [property: Id(3)] long SampledPackets,
    [property: Id(4)] long SampledBytes)
{
    public static FlowTotals operator +(FlowTotals a, FlowTotals b) => new(
        a.Flows + b.Flows, a.Packets + b.Packets, a.Bytes + b.Bytes, a.SampledPackets + b.SampledPackets, a.SampledBytes + b.SampledBytes);
}

/// <summary>Sampling-scaled traffic through one interface of an exporter: records whose input (in) or output (out) it is.</summary>
[GenerateSerializer, Immutable, Alias("ng.interface-flows.v1")]
public readonly record struct InterfaceFlows(
    [property: Id(0)] uint Interface,
    [property: Id(1)] long InFlows, [property: Id(2)] long InPackets, [property: Id(3)] long InBytes,
    [property: Id(4)] long OutFlows, [property: Id(5)] long OutPackets, [property: Id(6)] long OutBytes);

/// <summary>What the collector received from one exporter over one aggregation interval, with its top talkers per dimension.</summary>
[GenerateSerializer, Immutable, Alias("ng.flow-report.v1")]
public sealed record FlowReport(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] FlowTotals Totals,
    [property: Id(3)] InterfaceFlows[] Interfaces)
{
    [Id(4)] public TopTalkers[] Talkers { get; init; } = [];

    /// <summary>Scan and flood features of the interval (null from exporters reported before they existed).</summary>
    [Id(5)] public FlowSecurityFeatures? Security { get; init; }
}
