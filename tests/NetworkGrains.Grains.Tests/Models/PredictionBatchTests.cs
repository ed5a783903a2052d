using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class PredictionBatchTests(ClusterFixture fixture)
{
    private static readonly Actor Engineer = new("erin", ["ml_engineer"]);

    [Fact]
    public async Task A_batch_is_scored_in_chunks_by_one_version_and_kept()
    {
        var name = await ModelInProduction();
        var rows = TestModels.Rows(10_000, seed: 9);
        var values = rows.SelectMany(r => r).ToArray();
        var job = fixture.Cluster.GrainFactory.GetGrain<IPredictionBatchGrain>(Guid.NewGuid().ToString("N"));

        var started = await job.Start(new ScoreRequest(name, null, null, 3, values));
        var done = await Finished(job);

        Assert.Equal((JobStatus.Queued, 10_000), (started.Status, started.Rows));
        Assert.Equal((JobStatus.Succeeded, 10_000, 1), (done.Status, done.RowsDone, done.Version));
        var expected = TestModels.Pca(1).Model;
        Assert.All(rows.Select((r, i) => Math.Abs(done.Scores![i] - expected.Score(r))), d => Assert.True(d <= 1e-4));
        var again = await job.Start(new ScoreRequest(name, null, null, 3, values)); // started once: the job as it is
        Assert.Equal((done.Status, done.CreatedAt, done.FinishedAt), (again.Status, again.CreatedAt, again.FinishedAt));
    }

    [Fact]
    public async Task Malformed_batches_are_refused_and_an_unknown_model_fails_the_job_with_the_reason()
    {
        var grains = fixture.Cluster.GrainFactory;

        await Assert.ThrowsAsync<InvalidInputProblem>(() => grains.GetGrain<IPredictionBatchGrain>(Guid.NewGuid().ToString("N"))
            .Start(new ScoreRequest("any", null, null, 3, new float[7])));
        await Assert.ThrowsAsync<InvalidInputProblem>(() => grains.GetGrain<IPredictionBatchGrain>(Guid.NewGuid().ToString("N"))
            .Start(new ScoreRequest("any", null, null, 0, [])));
        var unknown = grains.GetGrain<IPredictionBatchGrain>(Guid.NewGuid().ToString("N"));
        await unknown.Start(new ScoreRequest("no-such-model", null, null, 3, new float[3]));
        var failed = await Finished(unknown);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Contains("no-such-model", failed.Error);
    }

    private static async Task<BatchJob> Finished(IPredictionBatchGrain job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await job.Get() is { Status: JobStatus.Succeeded or JobStatus.Failed } done) return done;
            await Task.Delay(50);
        }

        throw new TimeoutException("the batch did not finish in 30 s");
    }

    private async Task<string> ModelInProduction()
    {
        var name = $"batch-{Guid.NewGuid():N}";
        var model = fixture.Cluster.GrainFactory.GetGrain<IModelGrain>(name);
        await model.Create(ModelType.AnomalyDetection, "test", Engineer);
        await ModelRegistryTests.InProduction(model, seed: 1);
        return name;
    }
}
