using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Training;

namespace NetworkGrains.Grains.Models;

[GenerateSerializer, Alias("ng.training-job-state.v1")]
public sealed class TrainingJobState
{
    [Id(0)] public TrainingJob? Job { get; set; }
}

/// <summary>
/// Trains off the Orleans scheduler (thread pool), registers the artifact as the model's next version, and
/// validates it when asked. A job found queued or running at activation was cut off by a restart: it fails, saying so.
/// </summary>
public sealed class TrainingJobGrain(
    [PersistentState("training-job", StorageNames.Models)] IPersistentState<TrainingJobState> state,
    IDatasetStore datasets,
    TimeProvider clock,
    ILogger<TrainingJobGrain> logger)
    : Grain, ITrainingJobGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Job is { Status: JobStatus.Queued or JobStatus.Running } interrupted)
            await Finish(interrupted with { Status = JobStatus.Failed, Error = "interrupted by a silo restart; start the training again" });
    }

    public async Task<TrainingJob> Start(TrainingRequest request)
    {
        if (state.State.Job is { } existing) return existing;
        var job = new TrainingJob(this.GetPrimaryKeyString(), request, JobStatus.Queued, 0, null, [], null, clock.GetUtcNow(), null, null);
        await Save(job);
        _ = RunAsync(job);
        return job;
    }

    public Task<TrainingJob?> Get() => Task.FromResult(state.State.Job);

    private async Task RunAsync(TrainingJob job)
    {
        try
        {
            var model = GrainFactory.GetGrain<IModelGrain>(job.Request.Model);
            var summary = await model.Get() ?? throw new NotFoundProblem($"no model named {job.Request.Model}");
            job = job with { Status = JobStatus.Running, StartedAt = clock.GetUtcNow(), Progress = 0.05 };
            await Save(job);
            var csv = await datasets.Load(job.Request.Dataset) ?? throw new NotFoundProblem($"no dataset named {job.Request.Dataset}");
            var spec = new TrainingSpec(SnakeCaseNames.Of(summary.Type), job.Request.Algorithm, job.Request.Options);
            DelayDeactivation(TimeSpan.FromHours(1));
            var onnx = await Task.Run(() => ModelTraining.Train(spec, TabularData.Parse(csv), ArtifactSignature.Sha256Hex(csv)));
            await Save(job = job with { Progress = 0.7 });

            var version = await model.AddVersion(new NewModelVersion(onnx, [], job.Request.Actor.Id));
            job = job with { Version = version.Version, Progress = 0.85 };
            if (job.Request.ValidationDataset is { } validation)
                job = job with { Metrics = (await model.Validate(version.Version, validation, job.Request.Actor)).Metrics };
            await Finish(job with { Status = JobStatus.Succeeded, Progress = 1 });
        }
        catch (Exception ex) when (ex is DomainProblem or DatasetFormatException or NotSupportedException or ArgumentException
                                       or InvalidOperationException or ModelCardException)
        {
            await Finish(job with { Status = JobStatus.Failed, Error = ex.Message });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Training job {Job} for model {Model} failed", job.Id, job.Request.Model);
            await Finish(job with { Status = JobStatus.Failed, Error = "training failed: " + ex.GetType().Name });
        }
    }

    private Task Finish(TrainingJob job) => Save(job with { FinishedAt = clock.GetUtcNow() });

    private async Task Save(TrainingJob job)
    {
        state.State.Job = job;
        await state.WriteStateAsync();
    }
}
