using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Inference;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class InferencePoolTests(ClusterFixture fixture)
{
    private static readonly Actor Engineer = new("erin", ["ml_engineer"]);

    [Fact]
    public async Task Scores_with_the_production_version_as_the_CSharp_model_does()
    {
        var (name, _) = await ModelInProduction(seed: 1);
        var rows = TestModels.Rows(300, seed: 7);
        var expected = TestModels.Pca(1).Model;

        var result = await Pool.Score(Request(name, rows));

        Assert.Equal(1, result.Version);
        Assert.Equal(0.5, result.Threshold);
        Assert.Equal(rows.Count, result.Scores.Length);
        Assert.All(rows.Select((r, i) => Math.Abs(result.Scores[i] - expected.Score(r))), d => Assert.True(d <= 1e-4, $"{d}"));
    }

    [Fact]
    public async Task Concurrent_small_calls_are_answered_each_with_their_own_rows()
    {
        var (name, _) = await ModelInProduction(seed: 1);
        var expected = TestModels.Pca(1).Model;
        var calls = Enumerable.Range(0, 64).Select(i => TestModels.Rows(1 + i % 5, seed: 100 + i)).ToList();

        var results = await Task.WhenAll(calls.Select(rows => Pool.Score(Request(name, rows))));

        for (var c = 0; c < calls.Count; c++)
        {
            Assert.Equal(calls[c].Count, results[c].Scores.Length);
            Assert.All(calls[c].Select((r, i) => Math.Abs(results[c].Scores[i] - expected.Score(r))), d => Assert.True(d <= 1e-4));
        }
    }

    [Fact]
    public async Task A_promoted_version_is_picked_up_without_a_failed_call()
    {
        var (name, model) = await ModelInProduction(seed: 1);
        var rows = TestModels.Rows(10, seed: 3);
        var versionsSeen = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var calls = 0;
            while (!stop.IsCancellationRequested || calls == 0)
            {
                versionsSeen.Add((await Pool.Score(Request(name, rows))).Version);
                calls++;
            }

            return calls;
        })).ToList();

        await Poll.UntilAsync(() => versionsSeen.Contains(1));
        await ModelRegistryTests.InProduction(model, seed: 2);
        await Poll.UntilAsync(() => versionsSeen.Contains(2));
        stop.Cancel();
        var calls = await Task.WhenAll(callers);

        Assert.Contains(1, versionsSeen);
        Assert.Contains(2, versionsSeen);
        Assert.Equal(calls.Sum(), versionsSeen.Count);
    }

    [Fact]
    public async Task A_canary_sends_a_stable_share_of_devices_to_the_challenger()
    {
        var (name, model) = await ModelInProduction(seed: 1);
        await model.AddVersion(new NewModelVersion(TestModels.Pca(2).Onnx, [], "erin"));
        await model.SetAlias(ModelGrain.Challenger, 2, Engineer);
        await model.SetCanary(30, Engineer);
        var rows = TestModels.Rows(1, seed: 3);
        var devices = Enumerable.Range(0, 200).Select(i => $"dev-{i}").ToList();
        var canaryDevice = devices.First(d => ModelRoutingCache.CanaryBucket(d) < 30);
        await Poll.UntilAsync(async () => (await Pool.Score(Request(name, rows) with { DeviceId = canaryDevice })).Version == 2); // the pool routes with the canary

        var first = await Task.WhenAll(devices.Select(d => Pool.Score(Request(name, rows) with { DeviceId = d })));
        var second = await Task.WhenAll(devices.Select(d => Pool.Score(Request(name, rows) with { DeviceId = d })));

        Assert.Equal(first.Select(r => r.Version), second.Select(r => r.Version));
        Assert.InRange(first.Count(r => r.Version == 2), 40, 80);
        Assert.Equal(devices.Count(d => ModelRoutingCache.CanaryBucket(d) < 30), first.Count(r => r.Version == 2));
    }

    [Fact]
    public async Task A_tampered_artifact_is_refused_and_an_explicit_version_can_be_asked_for()
    {
        var (name, model) = await ModelInProduction(seed: 1);
        await model.AddVersion(new NewModelVersion(TestModels.Pca(2).Onnx, [], "erin"));
        var store = fixture.SiloService<IModelArtifactStore>();
        var artifact = (await store.Load(name, 2))!;
        var tampered = (byte[])artifact.Onnx.Clone();
        tampered[^5] ^= 0x01;
        await store.Save(artifact with { Onnx = tampered });
        var rows = TestModels.Rows(2, seed: 3);

        var refused = await Assert.ThrowsAsync<UnusableArtifactProblem>(() => Pool.Score(Request(name, rows) with { Target = "2" }));
        Assert.Contains("integrity", refused.Message);
        Assert.Equal(1, (await Pool.Score(Request(name, rows) with { Target = "production" })).Version);
    }

    [Theory]
    [InlineData(2, 6, "takes 3 features")]
    [InlineData(3, 7, "not a whole number of rows")]
    [InlineData(0, 3, "must be positive")]
    public async Task Malformed_requests_get_a_clear_error(int featureCount, int values, string expected)
    {
        var (name, _) = await ModelInProduction(seed: 1);

        var error = await Assert.ThrowsAsync<InvalidInputProblem>(() => Pool.Score(new ScoreRequest(name, null, null, featureCount, new float[values])));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Non_finite_values_unknown_models_and_unknown_targets_get_a_clear_error()
    {
        var (name, _) = await ModelInProduction(seed: 1);

        await Assert.ThrowsAsync<InvalidInputProblem>(() => Pool.Score(new ScoreRequest(name, null, null, 3, [1, float.NaN, 3])));
        await Assert.ThrowsAsync<NotFoundProblem>(() => Pool.Score(new ScoreRequest("no-such-model", null, null, 3, [1, 2, 3])));
        await Assert.ThrowsAsync<NotFoundProblem>(() => Pool.Score(new ScoreRequest(name, "staging", null, 3, [1, 2, 3])));
    }

    private IInferenceGrain Pool => fixture.Cluster.GrainFactory.GetGrain<IInferenceGrain>(0);

    private static ScoreRequest Request(string model, List<float[]> rows) => new(model, null, null, 3, rows.SelectMany(r => r).ToArray());

    private async Task<(string Name, IModelGrain Model)> ModelInProduction(int seed)
    {
        var name = $"pool-{Guid.NewGuid():N}";
        var model = fixture.Cluster.GrainFactory.GetGrain<IModelGrain>(name);
        await model.Create(ModelType.AnomalyDetection, "test", Engineer);
        await ModelRegistryTests.InProduction(model, seed);
        return (name, model);
    }
}
