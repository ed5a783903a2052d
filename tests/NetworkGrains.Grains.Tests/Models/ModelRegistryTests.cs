using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Models;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Tests.Models;

[Collection(ClusterCollection.Name)]
public sealed class ModelRegistryTests(ClusterFixture fixture)
{
    private static readonly Actor Engineer = new("erin", ["ml_engineer"]);
    private static readonly Actor Admin = new("ada", ["ml_admin"]);
    private static readonly Actor Viewer = new("victor", ["viewer"]);
    private static readonly Dictionary<string, double> Good = new() { ["f1"] = 0.93 };

    [Fact]
    public async Task A_registered_version_is_numbered_stamped_signed_and_in_development()
    {
        var model = await NewModel();

        var version = await model.AddVersion(new NewModelVersion(TestModels.Pca(1).Onnx, [], "erin"));

        Assert.Equal((1, ModelStage.Development, PcaModel.Algorithm), (version.Version, version.Stage, version.Algorithm));
        var artifact = await fixture.SiloService<IModelArtifactStore>().Load(model.GetPrimaryKeyString(), 1);
        Assert.NotNull(artifact);
        Assert.Equal(ArtifactSignature.Sha256Hex(artifact.Onnx), version.Sha256);
        Assert.Equal(ArtifactCheck.Valid, fixture.SiloService<ModelSigningKey>().Verify(artifact));
        var card = OnnxModelFile.ReadCard(artifact.Onnx)!;
        Assert.Equal((1, 0), (card.Version, card.ParentVersion));
        Assert.Equal(ModelCard.CurrentCodeVersion, card.CodeVersion);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_carded_model_of_its_type_are_refused()
    {
        var model = await NewModel();

        await Assert.ThrowsAsync<ModelArtifactException>(() => model.AddVersion(new NewModelVersion([1, 2, 3], [], "erin")));
        var wrongType = await Assert.ThrowsAsync<ModelArtifactException>(
            () => model.AddVersion(new NewModelVersion(TestModels.Pca(1, "traffic_prediction").Onnx, [], "erin")));
        Assert.Contains("traffic_prediction", wrongType.Message);
        Assert.Empty((await model.Get())!.Versions);
    }

    [Fact]
    public async Task Promotion_needs_the_stage_metric_and_an_approval_by_role()
    {
        var model = await NewModel();
        await model.AddVersion(new NewModelVersion(TestModels.Pca(1).Onnx, [], "erin"));

        Assert.Contains("no 'f1'", (await model.Promote(1, ModelStage.Staging, Engineer, "try")).Refusal);
        await model.RecordValidation(1, new() { ["f1"] = 0.8 }, Engineer);
        Assert.Contains("does not reach the staging gate", (await model.Promote(1, ModelStage.Staging, Engineer, "try")).Refusal);
        await model.RecordValidation(1, new() { ["f1"] = 0.88 }, Engineer);
        Assert.Contains("needs an approval", (await model.Promote(1, ModelStage.Staging, Engineer, "try")).Refusal);
        Assert.False((await model.Approve(1, ModelStage.Staging, Viewer)).Done);
        Assert.True((await model.Approve(1, ModelStage.Staging, Engineer)).Done);
        Assert.True((await model.Promote(1, ModelStage.Staging, Engineer, "passed review")).Done);

        Assert.Contains("production gate", (await model.Promote(1, ModelStage.Production, Admin, "go")).Refusal);
        await model.RecordValidation(1, Good, Engineer);
        Assert.False((await model.Approve(1, ModelStage.Production, Engineer)).Done);
        await model.Approve(1, ModelStage.Production, Admin);
        var done = await model.Promote(1, ModelStage.Production, Admin, "go");

        Assert.True(done.Done);
        Assert.Equal(1, done.Model!.Aliases[ModelGrain.Champion]);
        Assert.Contains(done.Model.History, t => t is { Version: 1, To: ModelStage.Production, By: "ada", Reason: "go" });
    }

    [Fact]
    public async Task Promoting_archives_the_previous_production_version_and_rollback_restores_it()
    {
        var model = await NewModel();
        await InProduction(model, 1);
        await InProduction(model, 2);

        var versions = (await model.Get())!.Versions;
        Assert.Equal([ModelStage.Archived, ModelStage.Production], versions.Select(v => v.Stage));

        var rolledBack = await model.Rollback(Admin, "v2 misfires");

        Assert.True(rolledBack.Done);
        Assert.Equal([ModelStage.Production, ModelStage.Archived], rolledBack.Model!.Versions.Select(v => v.Stage));
        Assert.Equal(1, (await model.GetRouting()).Champion);
        Assert.Equal(1, (await model.AddVersion(new NewModelVersion(TestModels.Pca(3).Onnx, [], "erin"))).ParentVersion);
    }

    [Fact]
    public async Task Rollback_without_an_earlier_production_version_is_refused()
    {
        var model = await NewModel();
        Assert.False((await model.Rollback(Admin, "nothing")).Done);
        await InProduction(model, 1);
        Assert.Contains("first production version", (await model.Rollback(Admin, "nothing")).Refusal);
    }

    [Fact]
    public async Task Aliases_name_versions_and_champion_follows_production()
    {
        var model = await NewModel();
        await InProduction(model, 1);
        await model.AddVersion(new NewModelVersion(TestModels.Pca(2).Onnx, Good, "erin"));

        var summary = await model.SetAlias(ModelGrain.Challenger, 2, Engineer);

        Assert.Equal(2, summary.Aliases[ModelGrain.Challenger]);
        Assert.Equal(1, summary.Aliases[ModelGrain.Champion]);
        await Assert.ThrowsAsync<ArgumentException>(() => model.SetAlias(ModelGrain.Champion, 2, Engineer));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => model.SetAlias("other", 9, Engineer));
    }

    private async Task<IModelGrain> NewModel()
    {
        var model = fixture.Cluster.GrainFactory.GetGrain<IModelGrain>($"model-{Guid.NewGuid():N}");
        Assert.True(await model.Create(ModelType.AnomalyDetection, "test", Engineer));
        Assert.False(await model.Create(ModelType.TrafficPrediction, "again", Engineer));
        return model;
    }

    internal static async Task InProduction(IModelGrain model, int seed)
    {
        var version = await model.AddVersion(new NewModelVersion(TestModels.Pca(seed).Onnx, Good, "erin"));
        await model.Approve(version.Version, ModelStage.Production, Admin);
        var result = await model.Promote(version.Version, ModelStage.Production, Admin, "test");
        Assert.True(result.Done, result.Refusal);
    }
}
