using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Protocols.Flows;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class FlowTemplateGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Cluster.GrainFactory;

    private IFlowTemplateGrain Templates() => _grains.GetGrain<IFlowTemplateGrain>(FlowTemplateKey.Of("ipfix", $"10.0.{Random.Shared.Next(256)}.1", (uint)Random.Shared.Next()));

    private static FlowTemplateSpec Spec(ushort id, params (ushort Element, ushort Length)[] fields) =>
        new(id, false, [.. fields.Select(f => new FlowTemplateFieldSpec(f.Element, f.Length, 0))]);

    private static string Show(IEnumerable<FlowTemplateSpec> specs) =>
        string.Join(' ', specs.OrderBy(s => s.Id).Select(s => $"{s.Id}:{string.Join(',', s.Fields.Select(f => $"{f.Element}/{f.Length}"))}"));

    [Fact]
    public async Task Templates_learnt_are_kept_across_deactivation_and_a_changed_one_replaces_the_old()
    {
        var grain = Templates();
        Assert.Equal(0, await grain.Learn([Spec(256, (8, 4), (1, 8)), Spec(257, (12, 4))]));
        Assert.Equal(0, await grain.Learn([Spec(256, (8, 4), (2, 8))]));

        var management = _grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var stats = await management.GetSimpleGrainStatistics();
        Assert.DoesNotContain(stats, s => s.GrainType.Contains(nameof(FlowTemplateGrain), StringComparison.Ordinal) && s.ActivationCount > 0);

        Assert.Equal("256:8/4,2/8 257:12/4", Show(await grain.GetAll()));
    }

    [Fact]
    public async Task Malformed_or_absurd_templates_are_refused_and_never_stored()
    {
        var grain = Templates();
        var refused = await grain.Learn(
        [
            Spec(300),                                                                          // no fields
            Spec(301, (8, 4), (1, 0)),                                                          // fixed field of length 0
            Spec(302, [.. Enumerable.Repeat(((ushort)1, (ushort)8), FlowTemplate.MaxFields + 1)]), // too many fields
            Spec(255, (8, 4)),                                                                  // a set id, not a template id
            Spec(303, [.. Enumerable.Repeat(((ushort)1, (ushort)4_000), 20)]),                  // records longer than a datagram
            new FlowTemplateSpec(304, false, null!),
            Spec(305, (8, 4)),
        ]);
        Assert.Equal(6, refused);
        Assert.Equal("305:8/4", Show(await grain.GetAll()));
    }

    [Fact]
    public async Task An_exporter_keeps_at_most_as_many_templates_as_a_collector_would()
    {
        var grain = Templates();
        var specs = Enumerable.Range(256, TemplateCache.MaxTemplatesPerExporter + 5).Select(id => Spec((ushort)id, (8, 4))).ToArray();
        Assert.Equal(5, await grain.Learn(specs));
        Assert.Equal(TemplateCache.MaxTemplatesPerExporter, (await grain.GetAll()).Length);
        Assert.Equal(0, await grain.Learn([Spec(256, (12, 4))])); // a change to one it keeps is not a new one
    }
}
