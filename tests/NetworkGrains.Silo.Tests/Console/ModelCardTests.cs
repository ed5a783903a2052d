using Bunit;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Ui.Parts;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class ModelCardTests : ConsoleTestContext
{
    private static readonly ModelSummary Model = new("traffic", ModelType.AnomalyDetection, "spikes", DateTimeOffset.UtcNow,
        [Version(1, ModelStage.Production), Version(2, ModelStage.Staging)], new() { ["challenger"] = 2 },
        [new StageTransition(1, ModelStage.Staging, ModelStage.Production, "key:ml", "gates passed", DateTimeOffset.UtcNow)], 10,
        [new DriftEvent(1, new() { ["bytes"] = 0.31, ["packets"] = 0.02 }, 5000, DateTimeOffset.UtcNow, null)], null);

    [Fact]
    public void Promoting_to_production_is_offered_only_to_roles_that_deploy_to_production()
    {
        var engineer = Render<ModelCard>(p => p.Add(c => c.Model, Model).AddCascadingValue(UserWith("ml_engineer")));
        var admin = Render<ModelCard>(p => p.Add(c => c.Model, Model).AddCascadingValue(UserWith("ml_admin")));

        Assert.Equal(["development", "staging"], Stages(engineer, 1));
        Assert.Equal(["development", "production", "archived"], Stages(admin, 2));
        Assert.Equal("/ui/actions/models/traffic/promote", admin.Find("tr[data-version='2'] form").GetAttribute("action"));
        Assert.Equal("2", admin.Find("tr[data-version='2'] input[name=version]").GetAttribute("value"));
    }

    [Fact]
    public void A_viewer_sees_the_registry_but_no_serving_control()
    {
        var card = Render<ModelCard>(p => p.Add(c => c.Model, Model).AddCascadingValue(UserWith("viewer")));

        Assert.Empty(card.FindAll("form"));
        Assert.Equal("version 1", card.Find("[data-production]").TextContent);
        Assert.Contains("10% of devices on version 2", card.Markup);
    }

    [Fact]
    public void Drift_lists_each_features_psi_worst_first_and_marks_the_drifted_ones()
    {
        var card = Render<ModelCard>(p => p.Add(c => c.Model, Model).AddCascadingValue(UserWith("viewer")));

        var rows = card.FindAll("section[aria-label='Drift of traffic'] tbody tr");
        Assert.Equal(["bytes0.31", "packets0.02"], rows.Select(r => r.TextContent));
        Assert.Equal("drift-high", rows[0].ClassName);
        Assert.Empty(rows[1].ClassList);
    }

    private static string[] Stages(IRenderedComponent<ModelCard> card, int version) =>
        [.. card.FindAll($"tr[data-version='{version}'] select[name=stage] option").Select(o => o.GetAttribute("value") ?? "")];

    private static ModelVersion Version(int version, ModelStage stage) => new(version, stage, "pca", "sha", ["bytes", "packets"], 0.5, "data", 0, "test",
        new() { ["f1"] = 0.9 }, DateTimeOffset.UtcNow, "key:ml", [], 1024);
}
