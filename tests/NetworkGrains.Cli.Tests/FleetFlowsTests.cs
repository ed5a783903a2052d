using NetworkGrains.Cli.Simulate;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Cli.Tests;

public sealed class FleetFlowsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private sealed class Counting : IFlowSink
    {
        public int Records, Drops, Syn, ToPort80;

        public void OnRecord(in FlowRecord record)
        {
            Records++;
            if (record.TcpFlags == 0x02) Syn++;
            if (record.TcpFlags == 0x02 && record.DestinationPort == 80) ToPort80++;
        }

        public void OnDrop(FlowDropReason reason) => Drops++;
    }

    [Theory]
    [InlineData(0, 9)]
    [InlineData(1, 10)]
    public void Every_second_decodes_to_the_records_it_counted_and_a_flood_adds_syn_flows(int index, int version)
    {
        var device = new FleetDevice(index, 2, Start);
        var at = Start.AddMinutes(10);
        device.Incidents = [new Incident(device.Id, IncidentKind.FlowFlood, 1, at, at.AddMinutes(1))];
        var flows = new FleetFlows(device, flowsPerSecond: 40);
        Assert.Equal(version, flows.Version);
        var decoder = new FlowDecoder(TimeProvider.System);
        var exporter = FlowAddress.FromIPv4(0x7F01_0001);

        var calm = new Counting();
        foreach (var datagram in flows.Second(at.AddSeconds(-1))) decoder.Decode(datagram, exporter, calm);
        Assert.Equal((40, 0, 0), (calm.Records, calm.Drops, calm.Syn));

        var flood = new Counting();
        foreach (var datagram in flows.Second(at.AddSeconds(1))) decoder.Decode(datagram, exporter, flood);
        Assert.Equal((40 + 800, 0, 800), (flood.Records, flood.Drops, flood.Syn));
        Assert.InRange(flood.ToPort80, 400, 401); // the flood's half, and the scan when it walks past port 80
        Assert.Equal(calm.Records + flood.Records, flows.Records);
    }
}
