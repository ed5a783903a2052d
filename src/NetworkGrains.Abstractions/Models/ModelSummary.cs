namespace NetworkGrains.Abstractions.Models;

/// <summary>A model and everything the registry knows about it.</summary>
[GenerateSerializer, Immutable, Alias("ng.model-summary.v1")]
public sealed record ModelSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] ModelType Type,
    [property: Id(2)] string Description,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] ModelVersion[] Versions,
    [property: Id(5)] Dictionary<string, int> Aliases,
    [property: Id(6)] StageTransition[] History,
    [property: Id(7)] int CanaryPercent,
    [property: Id(8)] DriftEvent[] Drift,
    [property: Id(9)] RetrainingPolicy? Retraining)
{
    public ModelVersion? Production => Versions.LastOrDefault(v => v.Stage == ModelStage.Production);

    public ModelVersion? Latest => Versions.LastOrDefault();
}

/// <summary>
/// Which versions serve: the champion (production) and, for <see cref="CanaryPercent"/> percent of devices,
/// the challenger alias; <see cref="Named"/> resolves "production", "staging" and every alias.
/// Inference grains refresh this every couple of seconds.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.model-routing.v1")]
public sealed record ModelRouting(
    [property: Id(0)] int? Champion,
    [property: Id(1)] int? Challenger,
    [property: Id(2)] int CanaryPercent,
    [property: Id(3)] Dictionary<string, int> Named);
