using System.Globalization;
using System.Text;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class TrainingJobTests(ClusterFixture fixture)
{
    private static readonly Actor Engineer = new("erin", ["ml_engineer"]);

    [Theory]
    [InlineData("pca")]
    [InlineData("isolation_forest")]
    public async Task A_job_trains_registers_and_validates_a_version(string algorithm)
    {
        var (model, name) = await NewModel(ModelType.AnomalyDetection);
        await Datasets.Put("train-" + name, Csv(TestModels.Rows(800, seed: 1), anomalies: 0));
        await Datasets.Put("check-" + name, Csv(TestModels.Rows(300, seed: 2), anomalies: 30));

        var job = await RunToEnd(new TrainingRequest(name, "train-" + name, algorithm, [], "check-" + name, Engineer));

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.Equal((1, 1.0), (job.Version, job.Progress));
        Assert.True(job.Metrics["f1"] > 0.8, $"f1 {job.Metrics["f1"]}");
        Assert.True(job.Metrics["auc_roc"] > 0.9, $"auc {job.Metrics["auc_roc"]}");
        var version = (await model.Get())!.Versions.Single();
        Assert.Equal(algorithm, version.Algorithm);
        Assert.Equal(job.Metrics, version.Metrics);
        Assert.Equal((await Datasets.List()).Single(d => d.Name == "train-" + name).Sha256, version.TrainingDataSha256);
    }

    [Fact]
    public async Task Bad_datasets_fail_the_job_with_the_reason()
    {
        var (_, name) = await NewModel(ModelType.AnomalyDetection);
        await Datasets.Put("text-" + name, Encoding.UTF8.GetBytes("in,out,cpu\n1,2,x\n"));
        var (_, other) = await NewModel(ModelType.PerformanceOptimization);
        await Datasets.Put("ok-" + other, Csv(TestModels.Rows(50, seed: 1), anomalies: 0));

        var malformed = await RunToEnd(new TrainingRequest(name, "text-" + name, null, [], null, Engineer));
        var missing = await RunToEnd(new TrainingRequest(name, "no-such-dataset", null, [], null, Engineer));
        var untargeted = await RunToEnd(new TrainingRequest(other, "ok-" + other, null, [], null, Engineer));
        var wrongAlgorithm = await RunToEnd(new TrainingRequest(name, "text-" + name, "svm", [], null, Engineer));

        Assert.Equal(JobStatus.Failed, malformed.Status);
        Assert.Contains("'x' is not a finite number", malformed.Error);
        Assert.Contains("no dataset named", missing.Error);
        Assert.Contains("no 'target' column", untargeted.Error); // a performance model predicts a KPI: its dataset names one
        Assert.Contains("not svm", wrongAlgorithm.Error);
    }

    [Fact]
    public async Task Malformed_CSV_uploads_are_refused_with_the_line()
    {
        var refused = await Assert.ThrowsAsync<InvalidInputProblem>(() => Datasets.Put("bad", Encoding.UTF8.GetBytes("a,b\n1,2\n3\n")));

        Assert.Contains("line 3", refused.Message);
        await Assert.ThrowsAsync<InvalidInputProblem>(() => Datasets.Put("bad", [0xff, 0xfe, 0x00]));
    }

    private IDatasetCatalogGrain Datasets => fixture.Cluster.GrainFactory.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key);

    private async Task<(IModelGrain Model, string Name)> NewModel(ModelType type)
    {
        var name = $"train-{Guid.NewGuid():N}";
        var model = fixture.Cluster.GrainFactory.GetGrain<IModelGrain>(name);
        await model.Create(type, "test", Engineer);
        return (model, name);
    }

    private async Task<TrainingJob> RunToEnd(TrainingRequest request)
    {
        var job = fixture.Cluster.GrainFactory.GetGrain<ITrainingJobGrain>(Guid.NewGuid().ToString("N"));
        await job.Start(request);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var current = (await job.Get())!;
            if (current.Status is JobStatus.Succeeded or JobStatus.Failed) return current;
            await Task.Delay(50);
        }

        throw new TimeoutException("the training job did not finish in 60 s");
    }

    /// <summary>in,out,cpu,label; the last <paramref name="anomalies"/> rows break the correlation (label 1).</summary>
    private static byte[] Csv(List<float[]> rows, int anomalies)
    {
        var text = new StringBuilder("in,out,cpu,label\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var anomalous = i >= rows.Count - anomalies;
            var row = anomalous ? [rows[i][0], rows[i][1] * 0.1f, 95] : rows[i];
            text.Append(string.Join(',', row.Select(v => v.ToString(CultureInfo.InvariantCulture)))).Append(anomalous ? ",1\n" : ",0\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
