using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

[GenerateSerializer, Alias("ng.flow-template-state.v1")]
public sealed class FlowTemplateState
{
    [Id(0)] public Dictionary<ushort, FlowTemplateSpec> Templates { get; set; } = [];
}
