using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Abstractions.Models;

/// <summary>
/// The inference pool: a stateless worker per silo core that scores rows with a model's ONNX artifact. Small
/// calls for the same version are merged into one ONNX Runtime run by a short flush timer.
/// </summary>
[Alias("ng.inference")]
public interface IInferenceGrain : IGrainWithIntegerKey
{
    [Alias("score")]
    Task<ScoreResult> Score(ScoreRequest request);
}

/// <summary>
/// Rows to score, row-major, <see cref="FeatureCount"/> values each in the model's feature order.
/// <see cref="Target"/>: null for the model's routing (production, or the challenger for the canary share of
/// devices), or "production", "staging", an alias, or a version number.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.score-request.v1")]
public sealed record ScoreRequest(
    [property: Id(0)] string Model,
    [property: Id(1)] string? Target,
    [property: Id(2)] string? DeviceId,
    [property: Id(3)] int FeatureCount,
    [property: Id(4)] float[] Rows)
{
    /// <summary>How many rows the values make; InvalidInputProblem unless they are one or more whole rows.</summary>
    public int CountRows()
    {
        if (FeatureCount <= 0) throw InvalidInputProblem.Single("featureCount", "must be positive");
        if (Rows.Length == 0 || Rows.Length % FeatureCount != 0)
            throw InvalidInputProblem.Single("rows", $"rows hold {Rows.Length} values: not a whole number of rows of {FeatureCount} features");
        return Rows.Length / FeatureCount;
    }
}

/// <summary>One score (or forecast) per row, from <see cref="Version"/>, with that version's decision threshold.</summary>
[GenerateSerializer, Immutable, Alias("ng.score-result.v1")]
public sealed record ScoreResult(
    [property: Id(0)] int Version,
    [property: Id(1)] float[] Scores,
    [property: Id(2)] double Threshold);
