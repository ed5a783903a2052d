using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>
/// A million mutated flow exports (real ones, and a biflow with enterprise elements) through one long-lived decoder
/// (so mutated templates meet mutated data): no exception, every datagram finishes, allocation stays bounded
/// (templates only, never per record).
/// </summary>
public sealed class FlowFuzzTests
{
    private const int Datagrams = 1_000_000;

    private sealed class CountingSink : IFlowSink
    {
        public long Records;
        public long Drops;
        public void OnRecord(in FlowRecord record) => Records++;
        public void OnDrop(FlowDropReason reason) => Drops++;
    }

    [Fact]
    public void A_million_mutated_exports_never_throw_and_allocate_only_for_templates()
    {
        var random = new Random(20261128);
        var biflows = new ExportBuilder(10).Set(700,
            BiflowExport.BiflowRecord(ExportBuilder.Ip(10, 0, 0, 9), ExportBuilder.Ip(192, 0, 2, 1), 51_000, 443, 3, 5, 1_500, 20, 0x1B, 30_000, 40, 0x12),
            BiflowExport.BiflowRecord(ExportBuilder.Ip(10, 0, 0, 8), ExportBuilder.Ip(192, 0, 2, 1), 51_001, 443, 3, 5, 44, 1, 0x02, 0, 0, 0)).Build();
        var seeds = FlowVectors.Formats.SelectMany(FlowVectors.Datagrams).Append(BiflowExport.BiflowTemplate()).Append(biflows).ToArray();
        var decoder = new FlowDecoder(TimeProvider.System);
        var sink = new CountingSink();
        var buffer = new byte[4_096];
        var exporters = Enumerable.Range(1, 8).Select(i => FlowAddress.FromIPv4(0x0A000000u + (uint)i)).ToArray();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < Datagrams; i++)
        {
            var exporter = exporters[random.Next(exporters.Length)];
            var seed = seeds[random.Next(seeds.Length)];
            // Now and then the real export, so that real templates are known and mutated data meets them.
            var length = random.Next(8) == 0 ? Copy(seed, buffer) : Mutate(random, seed, buffer);
            decoder.Decode(buffer.AsSpan(0, length), exporter, sink);
        }

        var perDatagram = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)Datagrams;
        Assert.True(perDatagram < 512, $"{perDatagram:F0} bytes allocated per datagram, {sink.Records} records, {sink.Drops} drops");
        Assert.True(sink.Records > Datagrams, $"{sink.Records} records"); // the data paths were exercised
        Assert.True(sink.Drops > Datagrams / 4, $"{sink.Drops} drops");   // and so were the refusals
        Assert.True(decoder.Templates.TemplateCount <= exporters.Length * TemplateCache.MaxTemplatesPerExporter);
    }

    private static int Copy(byte[] seed, byte[] buffer)
    {
        seed.CopyTo(buffer, 0);
        return seed.Length;
    }

    private static int Mutate(Random random, byte[] seed, byte[] buffer)
    {
        seed.CopyTo(buffer, 0);
        switch (random.Next(4))
        {
            case 0: return random.Next(seed.Length); // truncated
            case 1: // extended with garbage
                var extra = random.Next(1, 128);
                random.NextBytes(buffer.AsSpan(seed.Length, extra));
                return seed.Length + extra;
            default: // a few bytes changed, favouring the first 80 (headers, set and template headers)
                for (var c = random.Next(1, 5); c > 0; c--)
                {
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(80, seed.Length)) : random.Next(seed.Length);
                    buffer[at] = Mutations.Mutate(random, buffer[at]);
                }
                return seed.Length;
        }
    }
}
