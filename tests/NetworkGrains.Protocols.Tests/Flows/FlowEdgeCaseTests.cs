using NetworkGrains.Protocols.Flows;
using static NetworkGrains.Protocols.Tests.Flows.ExportBuilder;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>The parts of RFC 3954 / 7011 softflowd does not exercise, and the bad input a collector must survive.</summary>
public sealed class FlowEdgeCaseTests
{
    private readonly FlowDecoder _decoder = new(TimeProvider.System);
    private readonly CollectingSink _sink = new();
    private static readonly FlowAddress Exporter = FlowAddress.FromIPv4(0x0A000001);

    private bool Decode(byte[] datagram) => _decoder.Decode(datagram, Exporter, _sink);

    /// <summary>Template 300: sourceIPv4Address, an enterprise field (4 bytes, PEN 9), a variable-length field, octets, packets.</summary>
    private static byte[] IpfixTemplate300 => new ExportBuilder(10).Set(2,
        U16(300), U16(5),
        U16(8), U16(4),
        U16(0x8000 | 100), U16(4), U32(9),
        U16(82), U16(65_535),
        U16(1), U16(8),
        U16(2), U16(4)).Build();

    [Fact]
    public void Ipfix_skips_enterprise_fields_reads_variable_length_ones_and_honours_withdrawal()
    {
        Assert.True(Decode(IpfixTemplate300));
        Assert.True(Decode(new ExportBuilder(10).Set(300,
            Ip(10, 0, 0, 9), U32(0xDEADBEEF), [3, (byte)'e', (byte)'t', (byte)'h'], U64(1_500), U32(3),
            Ip(10, 0, 0, 10), U32(0), [255, 0, 2, (byte)'x', (byte)'y'], U64(40), U32(1)).Build()));

        Assert.Equal(["10.0.0.9 1500 3", "10.0.0.10 40 1"], _sink.Records.Select(r => $"{r.Source} {r.Bytes} {r.Packets}"));

        Assert.True(Decode(new ExportBuilder(10).Set(2, U16(300), U16(0)).Build())); // withdraw template 300
        Assert.True(Decode(new ExportBuilder(10).Set(300, Ip(10, 0, 0, 9), U32(0), [0], U64(1), U32(1)).Build()));
        Assert.Equal(2, _sink.Records.Count);
        Assert.Equal(1, _sink.Drops[FlowDropReason.UnknownTemplate]);
    }

    [Fact]
    public void Templates_are_kept_per_exporter_and_domain()
    {
        Assert.True(Decode(IpfixTemplate300));
        var data = new ExportBuilder(10, domain: 8).Set(300, Ip(10, 0, 0, 9), U32(0), [0], U64(1), U32(1)).Build();
        Assert.True(Decode(data));
        Assert.True(_decoder.Decode(new ExportBuilder(10).Set(300, Ip(10, 0, 0, 9), U32(0), [0], U64(1), U32(1)).Build(), FlowAddress.FromIPv4(0x0A000002), _sink));
        Assert.Empty(_sink.Records);
        Assert.Equal(2, _sink.Drops[FlowDropReason.UnknownTemplate]);
    }

    [Fact]
    public void Options_data_sampling_scales_the_records_of_its_exporter_and_absurd_values_are_counted()
    {
        // A v9 options template: scope system (type 1, 4 bytes), options samplerId (48, 1 byte) and interval (34, 4 bytes).
        var v9 = new ExportBuilder(9).Set(1, U16(400), U16(4), U16(8), U16(1), U16(4), U16(48), U16(1), U16(34), U16(4), U16(0)).Build();
        var template = new ExportBuilder(9).Set(0, U16(401), U16(4), U16(8), U16(4), U16(1), U16(4), U16(2), U16(4), U16(48), U16(1)).Build();
        Assert.True(Decode(v9));
        Assert.True(Decode(template));
        Assert.True(Decode(new ExportBuilder(9).Set(400, U32(0), U8(5), U32(100), U8(0), U8(0), U8(0)).Build()));
        Assert.True(Decode(new ExportBuilder(9).Set(400, U32(0), U8(6), U32(0), U8(0), U8(0), U8(0)).Build())); // absurd: 0
        Assert.True(Decode(new ExportBuilder(9).Set(401, Ip(10, 0, 0, 1), U32(1_000), U32(2), U8(5), Ip(10, 0, 0, 2), U32(10), U32(1), U8(9)).Build()));

        Assert.Equal(["10.0.0.1 1000 x100 = 100000", "10.0.0.2 10 x1 = 10"],
            _sink.Records.Select(r => $"{r.Source} {r.Bytes} x{r.SamplingInterval} = {r.SampledBytes}"));
        Assert.Equal(1, _sink.Drops[FlowDropReason.AbsurdSampling]);
    }

    [Fact]
    public void V5_header_sampling_scales_packets_and_bytes()
    {
        var datagram = Convert.FromHexString(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "flows", "netflow-v5.hex"))[0]);
        datagram[22] = 0x40; // mode 1, interval 10
        datagram[23] = 10;
        Assert.True(Decode(datagram));
        Assert.All(_sink.Records, r => Assert.Equal((10u, r.Bytes * 10), (r.SamplingInterval, r.SampledBytes)));
    }

    [Fact]
    public void A_template_flood_fills_only_its_own_exporters_share()
    {
        for (var id = 256; id < 256 + TemplateCache.MaxTemplatesPerExporter + 50; id++)
            Decode(new ExportBuilder(10).Set(2, U16(id), U16(1), U16(8), U16(4)).Build());
        Assert.Equal(50, _sink.Drops[FlowDropReason.TemplateLimit]);

        var other = FlowAddress.FromIPv4(0x0A000063);
        Assert.True(_decoder.Decode(new ExportBuilder(10).Set(2, U16(256), U16(1), U16(8), U16(4)).Build(), other, _sink));
        Assert.True(_decoder.Decode(new ExportBuilder(10).Set(256, Ip(1, 2, 3, 4)).Build(), other, _sink));
        Assert.Equal("1.2.3.4", Assert.Single(_sink.Records).Source.ToString());
    }

    [Theory]
    [InlineData("zero-length fields only", 10)]
    [InlineData("zero-length fields only", 9)]
    public void Templates_whose_records_have_no_size_are_refused(string _, int version)
    {
        var setId = (ushort)(version == 10 ? 2 : 0);
        Assert.True(Decode(new ExportBuilder(version).Set(setId, U16(500), U16(2), U16(8), U16(0), U16(12), U16(0)).Build()));
        Assert.Equal(1, _sink.Drops[FlowDropReason.BadTemplate]);
        Assert.True(Decode(new ExportBuilder(version).Set(500, new byte[64]).Build()));
        Assert.Empty(_sink.Records);
    }

    [Fact]
    public void Set_lengths_past_the_datagram_and_records_past_their_set_are_counted()
    {
        var good = new ExportBuilder(10).Set(2, U16(600), U16(1), U16(8), U16(4)).Set(600, Ip(1, 1, 1, 1)).Build();
        var lying = (byte[])good.Clone();
        lying[^6] = 0xFF; // the data set's length
        Assert.False(Decode(lying));
        Assert.Equal(1, _sink.Drops[FlowDropReason.BadSetLength]);

        Assert.True(Decode(IpfixTemplate300));
        Assert.True(Decode(new ExportBuilder(10).Set(300, Ip(10, 0, 0, 9), U32(0), [200, 1, 2], U64(1), U32(1)).Build()));
        Assert.Equal(1, _sink.Drops[FlowDropReason.BadRecord]);
    }

    [Theory]
    [InlineData(0, 24)]       // no records
    [InlineData(65_535, 24)]  // a bare header claiming the most a v5 count can say
    [InlineData(31, 24 + 31 * 48)] // one more than a v5 datagram holds, all of them present
    [InlineData(30, 24 + 29 * 48)] // one record short
    [InlineData(2, 24 + 48 + 47)] // one byte short
    public void A_v5_header_that_does_not_match_its_records_is_one_truncated_datagram(int count, int length)
    {
        var datagram = new byte[length];
        datagram[1] = 5;
        datagram[2] = (byte)(count >> 8);
        datagram[3] = (byte)count;

        Assert.False(Decode(datagram));

        Assert.Empty(_sink.Records);
        Assert.Equal(new Dictionary<FlowDropReason, int> { [FlowDropReason.Truncated] = 1 }, _sink.Drops);
    }

    [Theory]
    [MemberData(nameof(FlowVectors.All), MemberType = typeof(FlowVectors))]
    public void Every_truncated_prefix_of_a_real_export_is_one_drop_at_most_and_never_throws(string format)
    {
        var datagrams = FlowVectors.Datagrams(format);
        var decoder = new FlowDecoder(TimeProvider.System);
        foreach (var datagram in datagrams) decoder.Decode(datagram, Exporter, new CollectingSink()); // templates known
        foreach (var datagram in datagrams)
        {
            var full = new CollectingSink();
            decoder.Decode(datagram, Exporter, full);
            for (var length = 0; length < datagram.Length; length++)
            {
                var sink = new CollectingSink();
                decoder.Decode(datagram.AsSpan(0, length), Exporter, sink);
                Assert.True(sink.Records.Count <= full.Records.Count);
                var drops = sink.Drops.Select(d => (d.Key, d.Value)).ToArray();
                if (format == "netflow-v9")
                {
                    // v9 keeps the sets before the cut; a cut at a set boundary is not seen.
                    var reason = length < NetFlowV9.HeaderLength ? FlowDropReason.Truncated : FlowDropReason.BadSetLength;
                    Assert.True(drops.Length == 0 || drops.SequenceEqual([(reason, 1)]), $"{length}: {string.Join(", ", drops)}");
                }
                else
                {
                    // v5 and IPFIX headers say how long the message is: a cut is always seen, and drops the datagram.
                    Assert.Equal([(FlowDropReason.Truncated, 1)], drops);
                    Assert.Empty(sink.Records);
                }
            }
        }
    }
}
