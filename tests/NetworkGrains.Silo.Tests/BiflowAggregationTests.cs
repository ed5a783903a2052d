using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;
using NetworkGrains.Protocols.Tests.Flows;
using NetworkGrains.Silo.Flows;
using static NetworkGrains.Protocols.Tests.Flows.BiflowExport;
using static NetworkGrains.Protocols.Tests.Flows.ExportBuilder;

namespace NetworkGrains.Silo.Tests;

/// <summary>An IPFIX biflow export (RFC 5103) through the collector's aggregation: both directions are traffic.</summary>
public sealed class BiflowAggregationTests
{
    private static readonly FlowAddress Exporter = FlowAddress.FromIPv4(0x0A000001);

    private static FlowReport Aggregate(params byte[][] datagrams)
    {
        var (accumulator, decoder) = (new FlowAccumulator(), new FlowDecoder(TimeProvider.System));
        foreach (var datagram in datagrams) accumulator.Add(decoder, datagram, Exporter);
        var interval = Assert.Single(accumulator.TakeInterval());
        return interval.Value.ToReport(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1));
    }

    private static Dictionary<string, Talker> Talkers(FlowReport report, FlowDimension dimension) =>
        report.Talkers.Single(t => t.Dimension == dimension).Talkers.ToDictionary(t => t.Key);

    [Fact]
    public void Totals_interfaces_and_top_talkers_count_the_reverse_direction_as_the_reverse_flow()
    {
        var report = Aggregate(BiflowTemplate(), new ExportBuilder(10).Set(700,
            BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 1), 51_000, 443, input: 3, output: 5, 1_500, 20, 0x1B, 30_000, 40, 0x12),
            BiflowRecord(Ip(10, 0, 0, 8), Ip(192, 0, 2, 1), 51_001, 443, input: 3, output: 5, 44, 1, 0x02, 0, 0, 0)).Build());

        Assert.Equal(new FlowTotals(Flows: 3, Packets: 61, Bytes: 31_544, SampledPackets: 61, SampledBytes: 31_544), report.Totals);
        Assert.Equal(
        [
            new InterfaceFlows(3, InFlows: 2, InPackets: 21, InBytes: 1_544, OutFlows: 1, OutPackets: 40, OutBytes: 30_000),
            new InterfaceFlows(5, InFlows: 1, InPackets: 40, InBytes: 30_000, OutFlows: 2, OutPackets: 21, OutBytes: 1_544),
        ], report.Interfaces);

        var sources = Talkers(report, FlowDimension.Source);
        Assert.Equal(new Talker("192.0.2.1", 1, 40, 30_000), sources["192.0.2.1"]);
        Assert.Equal(new Talker("10.0.0.9", 1, 20, 1_500), sources["10.0.0.9"]);
        var destinations = Talkers(report, FlowDimension.Destination);
        Assert.Equal(new Talker("10.0.0.9", 1, 40, 30_000), destinations["10.0.0.9"]);
        Assert.Equal(new Talker("192.0.2.1", 2, 21, 1_544), destinations["192.0.2.1"]);
        Assert.Equal(new Talker("tcp/443", 3, 61, 31_544), Talkers(report, FlowDimension.Port)["tcp/443"]);
        // The unanswered SYN has no reverse flow, so it stays the one SYN-only flow of three.
        Assert.Equal(1.0 / 3, report.Security!.SynShare, 9);
    }

    [Fact]
    public void A_malformed_biflow_record_is_dropped_and_the_interval_keeps_what_came_before()
    {
        var template = new ExportBuilder(10).Set(2, U16(704), U16(3), U16(8), U16(4), EnterpriseField(2, 65_535), U16(2), U16(4)).Build();
        var report = Aggregate(BiflowTemplate(), template,
            new ExportBuilder(10).Set(700, BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 1), 51_000, 443, 3, 5, 1_500, 20, 0x1B, 30_000, 40, 0x12)).Build(),
            new ExportBuilder(10).Set(704, Ip(10, 0, 0, 9), [200, 0, 0, 0, 9], U32(4)).Build());

        Assert.Equal(new FlowTotals(2, 60, 31_500, 60, 31_500), report.Totals);
    }
}
