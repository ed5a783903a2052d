using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;
using NetworkGrains.Silo.Flows;

namespace NetworkGrains.Silo.Tests;

public sealed class ExporterTalkersTests
{
    private static FlowRecord Flow(uint source, uint destination, byte protocol, ushort sourcePort, ushort destinationPort, ulong packets, ulong bytes,
        uint sourceAs = 0, uint destinationAs = 0, uint sampling = 1, byte tcpFlags = 0) => new()
        {
            Source = FlowAddress.FromIPv4(source), Destination = FlowAddress.FromIPv4(destination), Protocol = protocol,
            SourcePort = sourcePort, DestinationPort = destinationPort, Packets = packets, Bytes = bytes,
            SourceAs = sourceAs, DestinationAs = destinationAs, SamplingInterval = sampling, TcpFlags = tcpFlags,
        };

    [Fact]
    public void Every_dimension_is_counted_in_sampled_packets_and_bytes_with_readable_keys()
    {
        var talkers = new ExporterTalkers();
        talkers.Add(Flow(0x0A000001, 0xC0A80001, 6, 51000, 443, packets: 10, bytes: 5_000, sourceAs: 65001, destinationAs: 65002));
        talkers.Add(Flow(0x0A000001, 0xC0A80002, 17, 53, 53, packets: 1, bytes: 80, sampling: 10));

        var byDimension = talkers.ToTopTalkers().ToDictionary(t => t.Dimension, t => t.Talkers.ToDictionary(x => x.Key));

        Assert.Equal(new Talker("10.0.0.1", 2, 20, 5_800), byDimension[FlowDimension.Source]["10.0.0.1"]);
        Assert.Equal(new Talker("192.168.0.2", 1, 10, 800), byDimension[FlowDimension.Destination]["192.168.0.2"]);
        // A flow counts for both its ports (once when they are equal) and both its ASes.
        Assert.Equal(["tcp/443", "tcp/51000", "udp/53"], byDimension[FlowDimension.Port].Keys.Order());
        Assert.Equal(new Talker("udp/53", 1, 10, 800), byDimension[FlowDimension.Port]["udp/53"]);
        Assert.Equal(["tcp", "udp"], byDimension[FlowDimension.Protocol].Keys.Order());
        Assert.Equal(["AS0", "AS65001", "AS65002"], byDimension[FlowDimension.As].Keys.Order());
        Assert.Equal(new Talker("AS0", 1, 10, 800), byDimension[FlowDimension.As]["AS0"]);
    }

    [Fact]
    public void A_port_scan_shows_as_many_ports_SYN_only_flows_small_packets_and_high_port_entropy()
    {
        var ordinary = new ExporterTalkers();
        var scanned = new ExporterTalkers();
        for (var i = 0; i < 400; i++)
        {
            ordinary.Add(Flow(0x0A000000 + (uint)(i % 40), 0xC0A80001, 6, (ushort)(40000 + i), 443, packets: 20, bytes: 20_000, tcpFlags: 0x1B));
            scanned.Add(Flow(0x0A0000FF, 0xC0A80001, 6, 50000, (ushort)(1 + i), packets: 1, bytes: 44, tcpFlags: 0x02));
        }

        var (usual, scan) = (ordinary.ToSecurity(), scanned.ToSecurity());

        Assert.Equal((400L, 40, 0.0, 1000.0, 20.0), (usual.Flows, usual.DistinctSources, usual.SynShare, usual.BytesPerPacket, usual.PacketsPerFlow));
        Assert.Equal((400L, 1, 1.0, 44.0, 1.0), (scan.Flows, scan.DistinctSources, scan.SynShare, scan.BytesPerPacket, scan.PacketsPerFlow));
        Assert.Equal(401, scan.DistinctPorts); // 400 scanned ports and the scanner's one source port
        Assert.Equal(0, scan.SourceEntropy);
        Assert.Equal(Math.Log2(40), usual.SourceEntropy, 9);
        // Ports are counted as the talker table keeps them, source and destination together: a client's ephemeral
        // ports spread as widely as a scan's targets, so SYN share and bytes per packet are what tell them apart.
        Assert.Equal(usual.PortEntropy, scan.PortEntropy, 9);
    }

    [Fact]
    public void Merged_intervals_add_up_their_security_counts()
    {
        var first = new ExporterTalkers();
        var second = new ExporterTalkers();
        first.Add(Flow(1, 2, 6, 1000, 80, packets: 1, bytes: 40, tcpFlags: 0x02));
        second.Add(Flow(3, 2, 17, 53, 53, packets: 3, bytes: 300));

        first.Merge(second);

        var merged = first.ToSecurity();
        Assert.Equal((2L, 2, 0.5, 85.0, 2.0), (merged.Flows, merged.DistinctSources, merged.SynShare, merged.BytesPerPacket, merged.PacketsPerFlow));
    }
}
