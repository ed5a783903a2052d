namespace NetworkGrains.Abstractions.Models;

[GenerateSerializer, Alias("ng.job-status.v1")]
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>Train <see cref="Model"/> on a dataset; optionally validate the new version on a labelled one.</summary>
[GenerateSerializer, Immutable, Alias("ng.training-request.v1")]
public sealed record TrainingRequest(
    [property: Id(0)] string Model,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string? Algorithm,
    [property: Id(3)] Dictionary<string, string> Options,
    [property: Id(4)] string? ValidationDataset,
    [property: Id(5)] Actor Actor);

/// <summary>A training job as the seed's TrainingJob schema shows it: status, progress, and the version it made.</summary>
[GenerateSerializer, Immutable, Alias("ng.training-job.v1")]
public sealed record TrainingJob(
    [property: Id(0)] string Id,
    [property: Id(1)] TrainingRequest Request,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] double Progress,
    [property: Id(4)] int? Version,
    [property: Id(5)] Dictionary<string, double> Metrics,
    [property: Id(6)] string? Error,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt)
{
    /// <summary>A new job's id: every front end and the drift retraining start jobs under ids made here.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}

/// <summary>One training job, keyed by its id. Training runs in the background; poll <see cref="Get"/>.</summary>
[Alias("ng.training-job")]
public interface ITrainingJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job (once: a second call returns the job as it is).</summary>
    [Alias("start")]
    Task<TrainingJob> Start(TrainingRequest request);

    [Alias("get")]
    Task<TrainingJob?> Get();
}
