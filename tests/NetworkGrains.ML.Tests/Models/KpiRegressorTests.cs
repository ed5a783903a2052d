using System.Globalization;
using System.Text;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Training;

namespace NetworkGrains.ML.Tests.Models;

public sealed class KpiRegressorTests
{
    private static readonly string[] Features = LinkLatency.Features;

    [Fact]
    public void Onnx_scores_match_the_MLNET_model()
    {
        var (rows, latency) = LinkLatency.Samples(2000, seed: 1);
        var regressor = KpiRegressor.Train(rows, latency);
        var card = new ModelCard("performance_optimization", KpiRegressor.Algorithm, Features, KpiRegressor.Input, KpiRegressor.Output, 0);
        var (check, _) = LinkLatency.Samples(300, seed: 2);

        var onnx = OnnxScores.Run(regressor.Export(card), check);

        var worst = check.Select((row, i) => Math.Abs(onnx[i] - regressor.Predict(row))).Max();
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
    }

    [Fact]
    public void Trained_on_a_dataset_it_predicts_the_target_of_unseen_rows()
    {
        var artifact = ModelTraining.Train(new TrainingSpec("performance_optimization", null, new Dictionary<string, string>()), Dataset(LinkLatency.Samples(3000, seed: 3)), "sha");
        var card = OnnxModelFile.ReadCard(artifact)!;
        using var scorer = new OnnxScorer(artifact, card);

        var metrics = ModelValidation.Validate(scorer, Dataset(LinkLatency.Samples(500, seed: 4)));

        Assert.Equal(KpiRegressor.Algorithm, card.Algorithm);
        Assert.Equal(Features, card.Features);                  // the target is not a feature
        Assert.InRange(metrics["r2"], 0.9, 1.0);
        Assert.InRange(metrics["mae"], 0, 1.5);
    }

    [Fact]
    public void A_dataset_without_a_target_or_with_a_bad_one_is_refused_with_the_reason()
    {
        var spec = new TrainingSpec("performance_optimization", null, new Dictionary<string, string>());
        var noTarget = TabularData.Parse(Encoding.UTF8.GetBytes("utilisation,queue_limit\n0.5,64\n"));
        var badTarget = TabularData.Parse(Encoding.UTF8.GetBytes("utilisation,target\n0.5,fast\n"));

        Assert.Contains("no 'target' column", Assert.Throws<DatasetFormatException>(() => ModelTraining.Train(spec, noTarget, "sha")).Message);
        Assert.Contains("target 'fast' is not a finite number", Assert.Throws<DatasetFormatException>(() => ModelTraining.Train(spec, badTarget, "sha")).Message);
    }

    private static TabularData Dataset((List<float[]> Rows, List<float> Latency) links)
    {
        var csv = new StringBuilder(string.Join(",", Features) + ",target\n");
        for (var i = 0; i < links.Rows.Count; i++)
            csv.Append(string.Join(",", links.Rows[i].Append(links.Latency[i]).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        return TabularData.Parse(Encoding.UTF8.GetBytes(csv.ToString()));
    }
}
