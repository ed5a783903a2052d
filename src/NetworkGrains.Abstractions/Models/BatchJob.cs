namespace NetworkGrains.Abstractions.Models;

/// <summary>The seed's BatchJob: rows scored in the background; <see cref="Scores"/> is filled when it succeeds.</summary>
[GenerateSerializer, Immutable, Alias("ng.batch-job.v1")]
public sealed record BatchJob(
    [property: Id(0)] string Id,
    [property: Id(1)] string Model,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] int Rows,
    [property: Id(4)] int RowsDone,
    [property: Id(5)] int? Version,
    [property: Id(6)] float[]? Scores,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt);

/// <summary>A batch prediction, keyed by its id.</summary>
[Alias("ng.prediction-batch")]
public interface IPredictionBatchGrain : IGrainWithStringKey
{
    public const int MaxRows = 200_000;

    /// <summary>Starts scoring (once: a second call returns the job as it is).</summary>
    [Alias("start")]
    Task<BatchJob> Start(ScoreRequest request);

    [Alias("get")]
    Task<BatchJob?> Get();
}
