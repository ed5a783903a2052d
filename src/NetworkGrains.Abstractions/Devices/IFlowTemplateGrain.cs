using Orleans.Concurrency;

namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// The NetFlow v9 / IPFIX templates one exporter announced for one observation domain (v9: source id), kept by the
/// cluster so that a collector on any silo decodes data whose templates another silo received.
/// Key: <see cref="FlowTemplateKey.Of"/>.
/// </summary>
[Alias("ng.flow-templates")]
public interface IFlowTemplateGrain : IGrainWithStringKey
{
    /// <summary>Stores new or changed templates; malformed or absurd ones are refused. Returns how many were refused.</summary>
    [Alias("learn")]
    Task<int> Learn(FlowTemplateSpec[] templates);

    [Alias("get-all"), ReadOnly]
    Task<FlowTemplateSpec[]> GetAll();
}

/// <summary>One field of a template: an information element (IANA when Enterprise is 0) and its length (65535: variable, IPFIX).</summary>
[GenerateSerializer, Immutable, Alias("ng.flow-template-field.v1")]
public readonly record struct FlowTemplateFieldSpec(
    [property: Id(0)] ushort Element,
    [property: Id(1)] ushort Length,
    [property: Id(2)] uint Enterprise);

/// <summary>A (options) template as the exporter sent it.</summary>
[GenerateSerializer, Immutable, Alias("ng.flow-template.v1")]
public sealed record FlowTemplateSpec(
    [property: Id(0)] ushort Id,
    [property: Id(1)] bool IsOptions,
    [property: Id(2)] FlowTemplateFieldSpec[] Fields);

public static class FlowTemplateKey
{
    /// <summary>
    /// "ipfix/192.0.2.1/7": the listener that received the templates ("netflow" for v9, "ipfix"), the exporter's
    /// address and its observation domain. Template ids are only unique within the three.
    /// </summary>
    public static string Of(string listener, string exporter, uint domain) => $"{listener}/{exporter}/{domain}";
}
