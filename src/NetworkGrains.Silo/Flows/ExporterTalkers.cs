using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Silo.Flows;

/// <summary>
/// One exporter's heavy hitters for the interval, per dimension, in sampling-scaled packets and bytes, and the
/// scan/flood features they give (<see cref="ToSecurity"/>).
/// </summary>
public sealed class ExporterTalkers
{
    private const int Capacity = 2_048;

    /// <summary>A TCP flow with SYN and no ACK never got past the handshake: scans and SYN floods.</summary>
    private const byte TcpProtocol = 6, Syn = 0x02, Ack = 0x10;

    private readonly HeavyHitters<FlowAddress> _sources = new(Capacity);
    private readonly HeavyHitters<FlowAddress> _destinations = new(Capacity);
    private readonly HeavyHitters<uint> _ports = new(Capacity);
    private readonly HeavyHitters<uint> _protocols = new(512); // 256 protocols: never pruned
    private readonly HeavyHitters<uint> _autonomousSystems = new(Capacity);
    private long _flows, _synOnlyFlows, _packets, _bytes;

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
        (_flows, _packets, _bytes) = (_flows + 1, _packets + packets, _bytes + bytes);
        if (record.Protocol == TcpProtocol && (record.TcpFlags & (Syn | Ack)) == Syn) _synOnlyFlows++;
    }

    public FlowSecurityFeatures ToSecurity() => new(
        _flows, _sources.Count, _destinations.Count, _ports.Count,
        _flows == 0 ? 0 : (double)_synOnlyFlows / _flows,
        _packets == 0 ? 0 : (double)_bytes / _packets,
        _flows == 0 ? 0 : (double)_packets / _flows,
        _sources.FlowEntropy(), _ports.FlowEntropy());

    public void Merge(ExporterTalkers other)
    {
        _sources.Merge(other._sources);
        _destinations.Merge(other._destinations);
        _ports.Merge(other._ports);
        _protocols.Merge(other._protocols);
        _autonomousSystems.Merge(other._autonomousSystems);
        (_flows, _synOnlyFlows, _packets, _bytes) = (_flows + other._flows, _synOnlyFlows + other._synOnlyFlows, _packets + other._packets, _bytes + other._bytes);
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
