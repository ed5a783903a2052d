using NetworkGrains.ML.Models;

namespace NetworkGrains.ML.Tests.Models;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Counts_at_the_threshold_and_ranks_for_AUC()
    {
        float[] scores = [0.9f, 0.8f, 0.4f, 0.3f, 0.6f, 0.1f];
        bool[] labels = [true, true, true, false, false, false];

        var metrics = ClassificationMetrics.Compute(scores, labels, 0.5);

        Assert.Equal(4 / 6.0, metrics["accuracy"], 9);
        Assert.Equal(2 / 3.0, metrics["precision"], 9);
        Assert.Equal(2 / 3.0, metrics["recall"], 9);
        Assert.Equal(2 / 3.0, metrics["f1"], 9);
        Assert.Equal(8 / 9.0, metrics["auc_roc"], 9);
    }

    [Fact]
    public void Ties_count_half_and_one_class_has_no_AUC()
    {
        Assert.Equal(0.5, ClassificationMetrics.AucRoc([0.5f, 0.5f], [true, false]), 9);
        Assert.False(ClassificationMetrics.Compute([0.2f, 0.9f], [false, false], 0.5).ContainsKey("auc_roc"));
    }
}
