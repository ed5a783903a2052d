using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

public sealed class PcaModelTests
{
    private static readonly ModelCard Card = new("anomaly_detection", PcaModel.Algorithm,
        ["in", "out", "pps", "errors", "cpu", "flows"], "features", "score", 0.5);

    [Fact]
    public void Onnx_graph_scores_match_the_CSharp_model()
    {
        var model = PcaModel.Fit(SyntheticWindows.Normal(2000, seed: 1));
        var rows = SyntheticWindows.Normal(500, seed: 2).Concat(SyntheticWindows.Outliers()).ToList();

        var onnx = OnnxScores.Run(PcaOnnx.Export(model, Card), rows);

        var worst = rows.Select((row, i) => Math.Abs(onnx[i] - model.Score(row))).Max();
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
    }

    [Fact]
    public void Broken_correlations_score_above_every_ordinary_window()
    {
        var model = PcaModel.Fit(SyntheticWindows.Normal(2000, seed: 1));
        var ordinary = SyntheticWindows.Normal(500, seed: 3).Select(r => model.Score(r)).ToList();

        Assert.All(SyntheticWindows.Outliers(), o => Assert.True(model.Score(o) > ordinary.Max(), $"{model.Score(o)} <= {ordinary.Max()}"));
        Assert.InRange(ordinary.Count(s => s > 0.5f), 0, 25);
    }

    [Fact]
    public void Keeps_the_components_that_explain_the_correlated_load()
    {
        var model = PcaModel.Fit(SyntheticWindows.Normal(2000, seed: 1));

        Assert.InRange(model.Components.Length, 1, SyntheticWindows.FeatureCount - 1);
    }
}
