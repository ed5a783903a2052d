using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
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

        await Assert.ThrowsAsync<UnusableArtifactProblem>(() => model.AddVersion(new NewModelVersion([1, 2, 3], [], "erin")));
        var wrongType = await Assert.ThrowsAsync<UnusableArtifactProblem>(
            () => model.AddVersion(new NewModelVersion(TestModels.Pca(1, "traffic_prediction").Onnx, [], "erin")));
        Assert.Contains("traffic_prediction", wrongType.Message);
        Assert.Empty((await model.Get())!.Versions);
    }

    [Fact]
    public async Task Promotion_needs_the_stage_metric_and_an_approval_by_role()
    {
        var model = await NewModel();
        await model.AddVersion(new NewModelVersion(TestModels.Pca(1).Onnx, [], "erin"));

        Assert.Contains("no 'f1'", (await Refused(() => model.Promote(1, ModelStage.Staging, Engineer, "try"))).Message);
        await model.RecordValidation(1, new() { ["f1"] = 0.8 }, Engineer);
        Assert.Contains("does not reach the staging gate", (await Refused(() => model.Promote(1, ModelStage.Staging, Engineer, "try"))).Message);
        await model.RecordValidation(1, new() { ["f1"] = 0.88 }, Engineer);
        Assert.Contains("needs an approval", (await Refused(() => model.Promote(1, ModelStage.Staging, Engineer, "try"))).Message);
        Assert.Contains("approving for staging", (await Refused(() => model.Approve(1, ModelStage.Staging, Viewer))).Message);
        Assert.Single((await model.Approve(1, ModelStage.Staging, Engineer)).Versions[0].Approvals);
        Assert.Equal(ModelStage.Staging, (await model.Promote(1, ModelStage.Staging, Engineer, "passed review")).Versions[0].Stage);

        Assert.Contains("production gate", (await Refused(() => model.Promote(1, ModelStage.Production, Admin, "go"))).Message);
        await model.RecordValidation(1, Good, Engineer);
        await Refused(() => model.Approve(1, ModelStage.Production, Engineer));
        await model.Approve(1, ModelStage.Production, Admin);
        var done = await model.Promote(1, ModelStage.Production, Admin, "go");

        Assert.Equal(1, done.Aliases[ModelGrain.Champion]);
        Assert.Contains(done.History, t => t is { Version: 1, To: ModelStage.Production, By: "ada", Reason: "go" });
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

        Assert.Equal([ModelStage.Production, ModelStage.Archived], rolledBack.Versions.Select(v => v.Stage));
        Assert.Equal(1, (await model.GetRouting()).Champion);
        Assert.Equal(1, (await model.AddVersion(new NewModelVersion(TestModels.Pca(3).Onnx, [], "erin"))).ParentVersion);
    }

    [Fact]
    public async Task Rollback_without_an_earlier_production_version_is_refused()
    {
        var model = await NewModel();
        Assert.Contains("no version is in production", (await Refused(() => model.Rollback(Admin, "nothing"))).Message);
        await InProduction(model, 1);
        Assert.Contains("first production version", (await Refused(() => model.Rollback(Admin, "nothing"))).Message);
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
        Assert.Contains("alias", (await Assert.ThrowsAsync<InvalidInputProblem>(() => model.SetAlias(ModelGrain.Champion, 2, Engineer))).Errors.Keys);
        await Assert.ThrowsAsync<NotFoundProblem>(() => model.SetAlias("other", 9, Engineer));
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
        var promoted = await model.Promote(version.Version, ModelStage.Production, Admin, "test");
        Assert.Equal(version.Version, promoted.Production?.Version);
    }

    /// <summary>The registry's gates refuse with a ConflictProblem that says why.</summary>
    private static Task<ConflictProblem> Refused(Func<Task> call) => Assert.ThrowsAsync<ConflictProblem>(call);
}
