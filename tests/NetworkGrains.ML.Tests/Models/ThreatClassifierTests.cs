using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Tests.Models;

public sealed class ThreatClassifierTests
{
    private static readonly ModelCard Card = new("security_threat_detection", ThreatClassifier.Algorithm, ThreatClassifier.Features,
        ThreatClassifier.Input, ThreatClassifier.Output, 0.5);

    [Fact]
    public void Onnx_probabilities_match_MLNET_and_separate_scans_and_floods()
    {
        var (rows, labels) = FlowWindows.Labelled(2000, seed: 1);
        var classifier = ThreatClassifier.Train(rows, labels);
        var (test, truth) = FlowWindows.Labelled(500, seed: 2);

        var onnx = OnnxScores.Run(classifier.Export(Card), test);

        var worst = test.Select((row, i) => Math.Abs(onnx[i] - classifier.Probability(row))).Max();
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
        var metrics = ClassificationMetrics.Compute(onnx, truth, 0.5);
        Assert.True(metrics["f1"] > 0.95, $"f1 {metrics["f1"]}");
    }

    [Fact]
    public void One_class_only_is_a_clear_error()
    {
        var (rows, _) = FlowWindows.Labelled(100, seed: 1);

        Assert.Throws<InvalidOperationException>(() => ThreatClassifier.Train(rows, rows.Select(_ => false).ToList()));
    }
}
