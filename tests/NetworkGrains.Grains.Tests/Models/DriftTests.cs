using System.Globalization;
using System.Text;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class DriftTests(ClusterFixture fixture)
{
    private static readonly Actor Engineer = new("erin", ["ml_engineer"]);

    [Fact]
    public async Task Drifted_live_rows_are_recorded_and_start_the_retraining_the_model_asks_for()
    {
        var name = $"drift-{Guid.NewGuid():N}";
        var grains = fixture.Cluster.GrainFactory;
        var model = grains.GetGrain<IModelGrain>(name);
        await model.Create(ModelType.AnomalyDetection, "test", Engineer);
        await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).Put(name, Csv(TestModels.Rows(1000, seed: 1)));
        var first = grains.GetGrain<ITrainingJobGrain>(Guid.NewGuid().ToString("N"));
        await first.Start(new TrainingRequest(name, name, null, [], null, Engineer));
        await Poll.UntilAsync(async () => (await model.Get())!.Versions.Length == 1, seconds: 30);
        await model.SetRetraining(new RetrainingPolicy(name, null, null, OnDrift: true), Engineer);
        var pool = grains.GetGrain<IInferenceGrain>(0);

        // Calls of 8 rows; the monitor samples 2 of each, 500 to a window.
        foreach (var chunk in TestModels.Rows(3200, seed: 2).Chunk(8))
            await pool.Score(new ScoreRequest(name, "1", null, 3, chunk.SelectMany(r => r).ToArray()));
        Assert.Empty((await model.Get())!.Drift);

        // Traffic doubled: "in" and "out" leave their training range, "cpu" does not.
        foreach (var chunk in TestModels.Rows(3200, seed: 3).Chunk(8))
            await pool.Score(new ScoreRequest(name, "1", null, 3, chunk.SelectMany(r => new[] { r[0] * 2 + 100, r[1] * 2 + 100, r[2] }).ToArray()));

        await Poll.UntilAsync(async () => (await model.Get())!.Drift.Length > 0, seconds: 30);
        var events = (await model.Get())!.Drift;
        var drift = events[0];
        Assert.True(drift.Psi["in"] > 0.25, $"in {drift.Psi["in"]}");
        Assert.True(drift.Psi["cpu"] < 0.1, $"cpu {drift.Psi["cpu"]}");
        Assert.NotNull(drift.TrainingJob);
        Assert.All(events[1..], later => Assert.Null(later.TrainingJob)); // one retraining an hour at most
        // The job registers its version before it records its own success: wait for the job to end, then look at both.
        var retraining = grains.GetGrain<ITrainingJobGrain>(drift.TrainingJob);
        await Poll.UntilAsync(async () => (await retraining.Get())!.Status is not (JobStatus.Queued or JobStatus.Running), seconds: 30);
        Assert.Equal(JobStatus.Succeeded, (await retraining.Get())!.Status);
        Assert.Equal(2, (await model.Get())!.Versions.Length);
    }

    private static byte[] Csv(List<float[]> rows) => Encoding.UTF8.GetBytes("in,out,cpu\n" + string.Join('\n',
        rows.Select(r => string.Join(',', r.Select(v => v.ToString(CultureInfo.InvariantCulture))))));
}
