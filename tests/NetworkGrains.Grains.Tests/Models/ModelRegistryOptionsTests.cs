using Microsoft.Extensions.Configuration;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Grains.Tests.Models;

public sealed class ModelRegistryOptionsTests
{
    [Fact]
    public void Configured_approvers_replace_the_defaults_and_gates_override_per_type()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Approvals:production:0"] = "ml_admin",
            ["Models:Gates:default:Production"] = "0.95",
            ["Models:Gates:security_threat_detection:Metric"] = "auc_roc",
        }).Build();
        var options = new ModelRegistryOptions();

        configuration.GetSection(ModelRegistryOptions.Section).Bind(options);

        Assert.Equal(["ml_admin"], options.ApproversFor(ModelStage.Production));
        Assert.Equal(["ml_engineer", "ml_admin", "admin"], options.ApproversFor(ModelStage.Staging));
        Assert.Equal((0.95, 0.85), (options.GateFor(ModelType.AnomalyDetection).Production, options.GateFor(ModelType.AnomalyDetection).Staging));
        Assert.Equal("auc_roc", options.GateFor(ModelType.SecurityThreatDetection).Metric);
        Assert.Equal("mase", options.GateFor(ModelType.TrafficPrediction).Metric);
    }

    [Theory]
    [InlineData(0.91, null)]
    [InlineData(0.89, "f1 0.89 does not reach the production gate (>= 0.9)")]
    public void A_gate_names_the_metric_and_threshold_it_refused(double f1, string? refusal) =>
        Assert.Equal(refusal, new StageGate().Check(ModelStage.Production, new Dictionary<string, double> { ["f1"] = f1 }));
}
