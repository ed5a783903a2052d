using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>Templates between the decoder's form and the wire's, and the one rule that says which are usable.</summary>
public static class FlowTemplateSpecs
{
    public static FlowTemplateSpec ToSpec(FlowTemplate template) =>
        new(template.Id, template.IsOptions, Array.ConvertAll(template.Fields, f => new FlowTemplateFieldSpec(f.Element, f.Length, f.Enterprise)));

    public static FlowTemplate ToTemplate(FlowTemplateSpec spec) => new(spec.Id, Fields(spec), spec.IsOptions);

    /// <summary>Ids 256 and up name data; the fields pass <see cref="FlowTemplate.IsUsable"/>.</summary>
    public static bool IsUsable(FlowTemplateSpec? spec) => spec is { Id: >= 256, Fields: not null } && FlowTemplate.IsUsable(Fields(spec));

    private static TemplateField[] Fields(FlowTemplateSpec spec) => Array.ConvertAll(spec.Fields, f => new TemplateField(f.Element, f.Length, f.Enterprise));
}
