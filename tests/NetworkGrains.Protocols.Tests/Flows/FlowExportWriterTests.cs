using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Protocols.Tests.Flows;

public sealed class FlowExportWriterTests
{
    private static readonly long Now = DateTimeOffset.Parse("2026-11-28T12:00:00Z").ToUnixTimeMilliseconds();

    private static FlowRecord Record(int i) => new()
    {
        Source = FlowAddress.FromIPv4(0x0A000001u + (uint)i), Destination = FlowAddress.FromIPv4(0xC0A80001u + (uint)i),
        SourcePort = (ushort)(40_000 + i), DestinationPort = 443, Protocol = 6, TcpFlags = 0x1B,
        Packets = (ulong)(10 + i), Bytes = (ulong)(1_000 + 7 * i), InputInterface = 3, OutputInterface = 4,
        SourceAs = 64_512, DestinationAs = 64_513, StartMilliseconds = Now - 30_000, EndMilliseconds = Now - 1_000,
        SamplingInterval = 1,
    };

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    public void Written_exports_decode_back_to_the_same_records(int version)
    {
        var writer = new FlowExportWriter(version);
        var records = Enumerable.Range(0, writer.RecordsPerDatagram).Select(Record).ToArray();
        var sink = new CollectingSink();
        var decoder = new FlowDecoder(TimeProvider.System);
        var exporter = FlowAddress.FromIPv4(0x7F000001);
        if (version != 5) decoder.Decode(writer.Template(), exporter, sink);

        var datagram = writer.Data(records, Now, upTimeMilliseconds: 3_600_000);
        decoder.Decode(datagram, exporter, sink);

        Assert.Empty(sink.Drops);
        Assert.InRange(datagram.Length + 28, 100, 1_500); // with IP and UDP headers, one Ethernet frame
        Assert.Equal(records.Length, sink.Records.Count);
        for (var i = 0; i < records.Length; i++)
        {
            var (expected, actual) = (records[i], sink.Records[i]);
            Assert.Equal((expected.Source, expected.Destination, expected.SourcePort, expected.DestinationPort, expected.Protocol, expected.TcpFlags),
                (actual.Source, actual.Destination, actual.SourcePort, actual.DestinationPort, actual.Protocol, actual.TcpFlags));
            Assert.Equal((expected.Packets, expected.Bytes, expected.InputInterface, expected.OutputInterface, expected.SourceAs, expected.DestinationAs),
                (actual.Packets, actual.Bytes, actual.InputInterface, actual.OutputInterface, actual.SourceAs, actual.DestinationAs));
            Assert.Equal((expected.StartMilliseconds, expected.EndMilliseconds), (actual.StartMilliseconds, actual.EndMilliseconds));
        }
    }

    [Fact]
    public void More_records_than_a_datagram_holds_and_templates_for_v5_are_refused()
    {
        var writer = new FlowExportWriter(9);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Data(new FlowRecord[writer.RecordsPerDatagram + 1], Now, 0));
        Assert.Throws<InvalidOperationException>(() => new FlowExportWriter(5).Template());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowExportWriter(7));
    }
}
