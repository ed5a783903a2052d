namespace NetworkGrains.Abstractions.Models;

/// <summary>
/// Live rows of a version drifted from its training distribution: the population stability index per feature
/// over a window of rows (above 0.1 for at least one), and the training job it started, if the model retrains on drift.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.drift-event.v1")]
public sealed record DriftEvent(
    [property: Id(0)] int Version,
    [property: Id(1)] Dictionary<string, double> Psi,
    [property: Id(2)] long Rows,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? TrainingJob);

/// <summary>How a model retrains: on which dataset, and whether a drift event starts it.</summary>
[GenerateSerializer, Immutable, Alias("ng.retraining-policy.v1")]
public sealed record RetrainingPolicy(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string? Algorithm,
    [property: Id(2)] string? ValidationDataset,
    [property: Id(3)] bool OnDrift);
