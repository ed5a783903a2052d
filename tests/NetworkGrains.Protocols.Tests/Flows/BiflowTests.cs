using NetworkGrains.Protocols.Flows;
using static NetworkGrains.Protocols.Tests.Flows.BiflowExport;
using static NetworkGrains.Protocols.Tests.Flows.ExportBuilder;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>IPFIX biflows (RFC 5103): reverse counters under enterprise 29305 are the reverse flow's traffic.</summary>
public sealed class BiflowTests
{
    private static readonly FlowAddress Exporter = FlowAddress.FromIPv4(0x0A000001);
    private readonly FlowDecoder _decoder = new(TimeProvider.System);
    private readonly CollectingSink _sink = new();

    private bool Decode(byte[] datagram) => _decoder.Decode(datagram, Exporter, _sink);

    private static string Show(FlowRecord r) =>
        $"{r.Source}:{r.SourcePort} > {r.Destination}:{r.DestinationPort} if {r.InputInterface}>{r.OutputInterface} {r.Bytes} B {r.Packets} p flags {r.TcpFlags:x2}";

    [Fact]
    public void A_biflow_is_its_forward_flow_and_its_reverse_flow_with_ends_and_interfaces_swapped()
    {
        Assert.True(Decode(BiflowTemplate()));
        Assert.True(Decode(new ExportBuilder(10).Set(700,
            BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 1), 51_000, 443, input: 3, output: 5, 1_500, 20, 0x1B, 30_000, 40, 0x12),
            BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 7), 51_001, 22, input: 3, output: 5, 44, 1, 0x02, 0, 0, 0)).Build())); // unanswered SYN

        Assert.Equal(
        [
            "10.0.0.9:51000 > 192.0.2.1:443 if 3>5 1500 B 20 p flags 1b",
            "192.0.2.1:443 > 10.0.0.9:51000 if 5>3 30000 B 40 p flags 12",
            "10.0.0.9:51001 > 192.0.2.7:22 if 3>5 44 B 1 p flags 02",
        ], _sink.Records.Select(Show));
        Assert.Equal(61UL, _sink.Records.Aggregate(0UL, (sum, r) => sum + r.Packets));
        Assert.Empty(_sink.Drops);
    }

    [Fact]
    public void A_probe_that_names_only_the_interface_it_watches_keeps_it_for_both_directions()
    {
        Assert.True(Decode(BiflowTemplate()));
        Assert.True(Decode(new ExportBuilder(10).Set(700,
            BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 1), 51_000, 443, input: 2, output: 0, 100, 2, 0x18, 900, 3, 0x18)).Build()));

        Assert.Equal(["10.0.0.9:51000 > 192.0.2.1:443 if 2>0 100 B 2 p flags 18", "192.0.2.1:443 > 10.0.0.9:51000 if 2>0 900 B 3 p flags 18"],
            _sink.Records.Select(Show));
    }

    [Fact]
    public void Sampling_scales_the_reverse_flow_as_the_forward_one()
    {
        Assert.True(Decode(new ExportBuilder(10).Set(2, U16(701), U16(4), U16(8), U16(4), U16(2), U16(4), U16(34), U16(2), EnterpriseField(2, 4)).Build()));
        Assert.True(Decode(new ExportBuilder(10).Set(701, Ip(10, 0, 0, 9), U32(3), U16(100), U32(5)).Build()));

        Assert.Equal([(3UL, 300UL), (5UL, 500UL)], _sink.Records.Select(r => (r.Packets, r.SampledPackets)));
    }

    [Fact]
    public void Enterprise_elements_under_another_number_are_skipped_by_their_length_even_with_a_counters_id()
    {
        // PEN 9's elements 1 and 2 (8 bytes, and variable length) share ids with the counters but are not counters.
        Assert.True(Decode(new ExportBuilder(10).Set(2, U16(702), U16(5),
            U16(8), U16(4), EnterpriseField(1, 8, enterprise: 9), EnterpriseField(2, 65_535, enterprise: 9), U16(2), U16(4), EnterpriseField(2, 2, enterprise: 29_306)).Build()));
        Assert.True(Decode(new ExportBuilder(10).Set(702,
            Ip(10, 0, 0, 9), U64(999_999), [3, 0xAA, 0xBB, 0xCC], U32(7), U16(555),
            Ip(10, 0, 0, 10), U64(1), [255, 0, 1, 0xDD], U32(8), U16(666)).Build()));

        Assert.Equal(["10.0.0.9 0 B 7 p", "10.0.0.10 0 B 8 p"], _sink.Records.Select(r => $"{r.Source} {r.Bytes} B {r.Packets} p"));
        Assert.Empty(_sink.Drops);
    }

    [Fact]
    public void Reverse_counters_longer_than_eight_bytes_or_empty_are_ignored_and_the_forward_flow_stays()
    {
        Assert.True(Decode(new ExportBuilder(10).Set(2, U16(703), U16(4), U16(8), U16(4), U16(2), U16(4), EnterpriseField(2, 9), EnterpriseField(1, 0)).Build()));
        Assert.True(Decode(new ExportBuilder(10).Set(703, Ip(10, 0, 0, 9), U32(4), [0, 0, 0, 0, 0, 0, 0, 0, 50]).Build()));

        Assert.Equal("10.0.0.9 4 p", $"{Assert.Single(_sink.Records).Source} {_sink.Records[0].Packets} p");
        Assert.Empty(_sink.Drops);
    }

    [Fact]
    public void A_variable_length_reverse_element_that_runs_past_its_set_is_a_counted_bad_record()
    {
        Assert.True(Decode(new ExportBuilder(10).Set(2, U16(704), U16(3), U16(8), U16(4), EnterpriseField(2, 65_535), U16(2), U16(4)).Build()));
        Assert.True(Decode(new ExportBuilder(10).Set(704, Ip(10, 0, 0, 9), [200, 0, 0, 0, 9], U32(4)).Build()));

        Assert.Empty(_sink.Records);
        Assert.Equal(1, _sink.Drops[FlowDropReason.BadRecord]);
    }

    [Fact]
    public void A_template_cut_inside_an_enterprise_number_is_a_counted_bad_template()
    {
        var template = new ExportBuilder(10).Set(2, U16(705), U16(2), U16(8), U16(4), U16(0x8001), U16(8), U16(0x7271)).Build();

        Assert.True(Decode(template));

        Assert.Equal(1, _sink.Drops[FlowDropReason.BadTemplate]);
        Assert.True(Decode(new ExportBuilder(10).Set(705, new byte[12]).Build()));
        Assert.Equal(1, _sink.Drops[FlowDropReason.UnknownTemplate]);
    }

    [Fact]
    public void Every_cut_of_a_biflow_data_set_decodes_whole_records_only_and_never_throws()
    {
        Assert.True(Decode(BiflowTemplate()));
        byte[] body =
        [
            .. BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 1), 51_000, 443, 3, 5, 1_500, 20, 0x1B, 30_000, 40, 0x12),
            .. BiflowRecord(Ip(10, 0, 0, 9), Ip(192, 0, 2, 2), 51_001, 443, 3, 5, 700, 10, 0x1B, 9_000, 12, 0x12),
        ];
        var recordLength = body.Length / 2;
        for (var length = 0; length <= body.Length; length++)
        {
            var sink = new CollectingSink();
            Assert.True(_decoder.Decode(new ExportBuilder(10).Set(700, body[..length]).Build(), Exporter, sink));
            Assert.Equal(2 * (length / recordLength), sink.Records.Count); // a cut record is padding to RFC 7011's reader
            Assert.Empty(sink.Drops);
        }
    }
}
