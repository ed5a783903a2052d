using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;
using NetworkGrains.Silo.Flows;

namespace NetworkGrains.Silo.Tests;

public sealed class ExporterTalkersTests
{
    private static FlowRecord Flow(uint source, uint destination, byte protocol, ushort sourcePort, ushort destinationPort, ulong packets, ulong bytes,
        uint sourceAs = 0, uint destinationAs = 0, uint sampling = 1) => new()
    {
        Source = FlowAddress.FromIPv4(source), Destination = FlowAddress.FromIPv4(destination), Protocol = protocol,
        SourcePort = sourcePort, DestinationPort = destinationPort, Packets = packets, Bytes = bytes,
        SourceAs = sourceAs, DestinationAs = destinationAs, SamplingInterval = sampling,
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
}
