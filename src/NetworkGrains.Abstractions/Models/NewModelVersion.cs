namespace NetworkGrains.Abstractions.Models;

/// <summary>
/// An artifact to register: ONNX bytes whose metadata_props carry a model card (features, input, output,
/// threshold, training data hash). The registry numbers it, stamps version/parent/code version, and signs it.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.new-model-version.v1")]
public sealed record NewModelVersion(
    [property: Id(0)] byte[] Onnx,
    [property: Id(1)] Dictionary<string, double> Metrics,
    [property: Id(2)] string CreatedBy);
