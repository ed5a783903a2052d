using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

public sealed class IsolationForestTests
{
    private static readonly ModelCard Card = new("anomaly_detection", IsolationForest.Algorithm,
        ["in", "out", "pps", "errors", "cpu", "flows"], "features", "score", 0.6);

    [Fact]
    public void Onnx_tree_ensemble_scores_match_the_CSharp_forest()
    {
        var forest = IsolationForest.Fit(SyntheticWindows.Normal(3000, seed: 1), trees: 50);
        var rows = SyntheticWindows.Normal(500, seed: 2).Concat(SyntheticWindows.Outliers()).ToList();

        var onnx = OnnxScores.Run(IsolationForestOnnx.Export(forest, Card), rows);

        var worst = rows.Select((row, i) => Math.Abs(onnx[i] - forest.Score(row))).Max();
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
    }

    [Fact]
    public void Rows_away_from_both_clusters_score_above_the_threshold_and_the_clusters_own_rows()
    {
        var random = new Random(5);
        float Near(float centre) => centre + (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        var training = Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? new[] { Near(0), Near(0) } : new[] { Near(10), Near(10) }).ToList();
        var forest = IsolationForest.Fit(training);
        var ordinary = Enumerable.Range(0, 200).Select(_ => forest.Score([Near(10), Near(10)])).Order().ToList();

        foreach (var isolated in new[] { new float[] { 20, -10 }, [-8, 15], [30, 30] })
        {
            Assert.True(forest.Score(isolated) > Math.Max(ordinary[197], forest.Threshold), $"{forest.Score(isolated)} vs {ordinary[197]}");
        }

        Assert.True(forest.Score([5, 5]) > ordinary[100], "a row in the gap scores above the median row of a cluster");
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.2448)]
    public void Average_path_length_is_the_papers_c_of_n(int n, double expected) =>
        Assert.Equal(expected, IsolationTree.AveragePathLength(n), 3);

    [Fact]
    public void Constant_data_gives_leaves_at_the_root()
    {
        var forest = IsolationForest.Fit(Enumerable.Repeat(new float[] { 1, 2 }, 50).ToList(), trees: 3);

        Assert.All(forest.Trees, t => Assert.Equal(1, t.NodeCount));
    }
}
