using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Silo.Flows;

/// <summary>One exporter's heavy hitters for the interval, per dimension, in sampling-scaled packets and bytes.</summary>
public sealed class ExporterTalkers
{
    private const int Capacity = 2_048;

    private readonly HeavyHitters<FlowAddress> _sources = new(Capacity);
    private readonly HeavyHitters<FlowAddress> _destinations = new(Capacity);
    private readonly HeavyHitters<uint> _ports = new(Capacity);
    private readonly HeavyHitters<uint> _protocols = new(512); // 256 protocols: never pruned
    private readonly HeavyHitters<uint> _autonomousSystems = new(Capacity);

    public void Add(in FlowRecord record)
    {
        var (packets, bytes) = ((long)record.SampledPackets, (long)record.SampledBytes);
        _sources.Add(record.Source, packets, bytes);
        _destinations.Add(record.Destination, packets, bytes);
        _protocols.Add(record.Protocol, packets, bytes);
        _ports.Add(PortKey(record.Protocol, record.SourcePort), packets, bytes);
        if (record.DestinationPort != record.SourcePort) _ports.Add(PortKey(record.Protocol, record.DestinationPort), packets, bytes);
        _autonomousSystems.Add(record.SourceAs, packets, bytes);
        if (record.DestinationAs != record.SourceAs) _autonomousSystems.Add(record.DestinationAs, packets, bytes);
    }

    public void Merge(ExporterTalkers other)
    {
        _sources.Merge(other._sources);
        _destinations.Merge(other._destinations);
        _ports.Merge(other._ports);
        _protocols.Merge(other._protocols);
        _autonomousSystems.Merge(other._autonomousSystems);
    }

    public TopTalkers[] ToTopTalkers() =>
    [
        _sources.ToTopTalkers(FlowDimension.Source, address => address.ToString()),
        _destinations.ToTopTalkers(FlowDimension.Destination, address => address.ToString()),
        _ports.ToTopTalkers(FlowDimension.Port, key => $"{ProtocolName((byte)(key >> 16))}/{(ushort)key}"),
        _protocols.ToTopTalkers(FlowDimension.Protocol, key => ProtocolName((byte)key)),
        _autonomousSystems.ToTopTalkers(FlowDimension.As, asn => $"AS{asn}"),
    ];

    private static uint PortKey(byte protocol, ushort port) => (uint)protocol << 16 | port;

    private static string ProtocolName(byte protocol) => protocol switch
    {
        1 => "icmp",
        6 => "tcp",
        17 => "udp",
        47 => "gre",
        50 => "esp",
        58 => "ipv6-icmp",
        132 => "sctp",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
