using NetworkGrains.Protocols.Flows;
using static NetworkGrains.Protocols.Tests.Flows.ExportBuilder;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>What a template cache tells its observer (templates kept in the cluster) and takes from it.</summary>
public sealed class TemplateObserverTests
{
    private static readonly FlowAddress Exporter = FlowAddress.FromIPv4(0x0A000001);
    private readonly RecordingObserver _observer = new();
    private readonly CollectingSink _sink = new();
    private readonly FlowDecoder _decoder;

    public TemplateObserverTests() => _decoder = new FlowDecoder(TimeProvider.System, _observer);

    private static byte[] Template(params byte[][] fields) => new ExportBuilder(10).Set(2, [U16(300), U16(fields.Length / 2), .. fields]).Build();

    private static readonly byte[] Template300 = Template(U16(8), U16(4), U16(1), U16(8));
    private static readonly byte[] Data300 = new ExportBuilder(10).Set(300, Ip(10, 0, 0, 9), U64(1_500), Ip(10, 0, 0, 10), U64(40)).Build();

    private bool Decode(byte[] datagram) => _decoder.Decode(datagram, Exporter, _sink);

    [Fact]
    public void A_template_is_told_when_new_or_changed_and_not_when_resent_unchanged()
    {
        Assert.True(Decode(Template300));
        Assert.True(Decode(Template300));
        Assert.True(Decode(Template(U16(8), U16(4), U16(2), U16(8))));

        Assert.Equal(["7/300/8:4,1:8", "7/300/8:4,2:8"], _observer.Learnt);
        Assert.Empty(_sink.Drops);
    }

    [Fact]
    public void A_data_set_without_its_template_is_counted_and_asked_for_and_decodes_once_the_answer_is_imported()
    {
        Assert.True(Decode(Data300));
        Assert.Equal(1, _sink.Drops[FlowDropReason.UnknownTemplate]);
        Assert.Equal(["7/300"], _observer.Missed);

        // What another silo learnt, as the cluster answers: taken in at the next lookup, and not told as learnt here.
        _decoder.Templates.Import(Exporter, 7, [new FlowTemplate(300, [new(8, 4, 0), new(1, 8, 0)], isOptions: false)]);
        Assert.True(Decode(Data300));

        Assert.Equal(["10.0.0.9 1500", "10.0.0.10 40"], _sink.Records.Select(r => $"{r.Source} {r.Bytes}"));
        Assert.Empty(_observer.Learnt);
        Assert.Single(_observer.Missed);
    }

    [Fact]
    public void An_imported_template_never_replaces_the_one_the_exporter_sent_here()
    {
        Assert.True(Decode(Template300));
        _decoder.Templates.Import(Exporter, 7, [new FlowTemplate(300, [new(8, 4, 0), new(2, 8, 0)], isOptions: false)]);
        Assert.True(Decode(Data300));
        Assert.Equal([1_500UL, 40UL], _sink.Records.Select(r => r.Bytes));
        Assert.Equal(0UL, _sink.Records[0].Packets);
    }

    public static TheoryData<string, byte[]> MalformedTemplates => new()
    {
        { "v9 without fields", new ExportBuilder(9).Set(0, U16(300), U16(0)).Build() },
        { "v9 with a fixed field of length 0", new ExportBuilder(9).Set(0, U16(300), U16(2), U16(8), U16(4), U16(1), U16(0)).Build() },
        { "ipfix with a fixed field of length 0", Template(U16(8), U16(0), U16(1), U16(8)) },
        { "ipfix with 1,000 fields", Template([.. Enumerable.Range(0, 1_000).SelectMany(_ => new[] { U16(1), U16(8) })]) },
        { "v9 with 1,000 fields", new ExportBuilder(9).Set(0, [U16(300), U16(1_000), .. Enumerable.Range(0, 1_000).SelectMany(_ => new[] { U16(1), U16(8) })]).Build() },
        { "v9 options with nothing", new ExportBuilder(9).Set(1, U16(300), U16(0), U16(0)).Build() },
    };

    [Theory, MemberData(nameof(MalformedTemplates))]
    public void A_malformed_or_absurd_template_is_refused_counted_and_never_told(string name, byte[] datagram)
    {
        Decode(datagram);
        Assert.True(_sink.Drops.GetValueOrDefault(FlowDropReason.BadTemplate) == 1, name);
        Assert.Empty(_observer.Learnt);
        Assert.Equal(0, _decoder.Templates.TemplateCount);
    }

    [Fact]
    public void Unusable_imports_are_ignored()
    {
        _decoder.Templates.Import(Exporter, 7, [new FlowTemplate(300, [new(8, 4, 0), new(1, 0, 0)], isOptions: false), new FlowTemplate(301, [], isOptions: false)]);
        Assert.True(Decode(Data300));
        Assert.Equal(0, _decoder.Templates.TemplateCount);
        Assert.Equal(1, _sink.Drops[FlowDropReason.UnknownTemplate]);
    }

    private sealed class RecordingObserver : ITemplateObserver
    {
        public List<string> Learnt { get; } = [];
        public List<string> Missed { get; } = [];

        void ITemplateObserver.Learnt(FlowAddress exporter, uint domain, FlowTemplate template) =>
            Learnt.Add($"{domain}/{template.Id}/{string.Join(',', template.Fields.Select(f => $"{f.Element}:{f.Length}"))}");

        void ITemplateObserver.Missed(TemplateCache cache, FlowAddress exporter, uint domain, ushort templateId) => Missed.Add($"{domain}/{templateId}");
    }
}
