namespace NetworkGrains.Abstractions.Models;

/// <summary>
/// One version of a model: the artifact's identity (SHA-256 of the ONNX bytes), what its card says (algorithm,
/// features, threshold, lineage), its validation metrics, stage and approvals. The bytes live in the artifact store.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.model-version.v1")]
public sealed record ModelVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] ModelStage Stage,
    [property: Id(2)] string Algorithm,
    [property: Id(3)] string Sha256,
    [property: Id(4)] string[] Features,
    [property: Id(5)] double Threshold,
    [property: Id(6)] string TrainingDataSha256,
    [property: Id(7)] int ParentVersion,
    [property: Id(8)] string CodeVersion,
    [property: Id(9)] Dictionary<string, double> Metrics,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] string CreatedBy,
    [property: Id(12)] ModelApproval[] Approvals,
    [property: Id(13)] long SizeBytes);

[GenerateSerializer, Immutable, Alias("ng.model-approval.v1")]
public sealed record ModelApproval(
    [property: Id(0)] ModelStage Stage,
    [property: Id(1)] string By,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset At);

/// <summary>A stage change of one version: who, when, why.</summary>
[GenerateSerializer, Immutable, Alias("ng.stage-transition.v1")]
public sealed record StageTransition(
    [property: Id(0)] int Version,
    [property: Id(1)] ModelStage From,
    [property: Id(2)] ModelStage To,
    [property: Id(3)] string By,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset At);
