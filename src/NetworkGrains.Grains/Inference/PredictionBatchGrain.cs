using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Inference;

[GenerateSerializer, Alias("ng.prediction-batch-state.v1")]
public sealed class PredictionBatchState
{
    [Id(0)] public BatchJob? Job { get; set; }
}

/// <summary>
/// Scores a batch through the inference pool in chunks, all with the version the first chunk resolved to, and
/// keeps the scores durably. A batch cut off by a restart is failed on activation, saying so.
/// </summary>
public sealed class PredictionBatchGrain(
    [PersistentState("prediction-batch", StorageNames.Models)] IPersistentState<PredictionBatchState> state,
    TimeProvider clock)
    : Grain, IPredictionBatchGrain
{
    private const int ChunkRows = 4096;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Job is { Status: JobStatus.Queued or JobStatus.Running } interrupted)
            await Save(interrupted with { Status = JobStatus.Failed, Error = "interrupted by a silo restart; submit the batch again", FinishedAt = clock.GetUtcNow() });
    }

    public async Task<BatchJob> Start(ScoreRequest request)
    {
        if (state.State.Job is { } existing) return existing;
        var rows = request.CountRows();
        if (rows > IPredictionBatchGrain.MaxRows) throw InvalidInputProblem.Single("rows", $"a batch holds 1 to {IPredictionBatchGrain.MaxRows} rows, not {rows}");

        var job = new BatchJob(this.GetPrimaryKeyString(), request.Model, JobStatus.Queued, rows, 0, null, null, null, clock.GetUtcNow(), null);
        await Save(job);
        _ = RunAsync(job, request);
        return job;
    }

    public Task<BatchJob?> Get() => Task.FromResult(state.State.Job);

    private async Task RunAsync(BatchJob job, ScoreRequest request)
    {
        var scores = new float[job.Rows];
        try
        {
            job = job with { Status = JobStatus.Running };
            var pool = GrainFactory.GetGrain<IInferenceGrain>(0);
            for (var first = 0; first < job.Rows; first += ChunkRows)
            {
                var count = Math.Min(ChunkRows, job.Rows - first);
                var chunk = request.Rows.AsSpan(first * request.FeatureCount, count * request.FeatureCount).ToArray();
                var target = job.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? request.Target;
                var result = await pool.Score(request with { Target = target, Rows = chunk });
                result.Scores.CopyTo(scores, first);
                job = job with { Version = result.Version, RowsDone = first + count };
            }

            await Save(job with { Status = JobStatus.Succeeded, Scores = scores, FinishedAt = clock.GetUtcNow() });
        }
        catch (DomainProblem ex)
        {
            await Save(job with { Status = JobStatus.Failed, Error = ex.Message, FinishedAt = clock.GetUtcNow() });
        }
    }

    private async Task Save(BatchJob job)
    {
        state.State.Job = job;
        await state.WriteStateAsync();
    }
}
