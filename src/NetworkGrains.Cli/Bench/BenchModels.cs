using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Synthetic;

namespace NetworkGrains.Cli.Bench;

/// <summary>One artifact of each model type the registry trains, built from synthetic data, with rows to score.</summary>
public static class BenchModels
{
    public sealed record Sample(string Name, string ModelType, byte[] Onnx, int FeatureCount, float[] Row);

    public static IEnumerable<Sample> All()
    {
        var windows = SyntheticWindows.Normal(3000, seed: 1);
        string[] windowFeatures = ["in", "out", "pps", "errors", "cpu", "flows"];
        yield return new("pca", "anomaly_detection",
            PcaOnnx.Export(PcaModel.Fit(windows), Card("anomaly_detection", PcaModel.Algorithm, windowFeatures)), windowFeatures.Length, windows[0]);
        yield return new("isolation_forest", "anomaly_detection",
            IsolationForestOnnx.Export(IsolationForest.Fit(windows), Card("anomaly_detection", IsolationForest.Algorithm, windowFeatures)), windowFeatures.Length, windows[0]);

        var series = DiurnalSeries.Utilisation("if1", days: 14, seed: 1);
        var forecaster = TrafficForecaster.Train([series], TimeSpan.FromHours(1), s => s.Values.Length);
        var forecastCard = Card("traffic_prediction", TrafficForecaster.Algorithm, ForecastFeatures.Names) with { Input = ForecastOnnx.Input, Output = ForecastOnnx.Output };
        yield return new("fasttree_forecast", "traffic_prediction", ForecastOnnx.Export(forecaster, forecastCard), ForecastFeatures.Count, forecaster.FeaturesAt(series, 2000));

        var (flows, labels) = FlowWindows.Labelled(3000, seed: 1);
        var threat = ThreatClassifier.Train(flows, labels);
        yield return new("fasttree_threat", "security_threat_detection", threat.Export(Card("security_threat_detection", ThreatClassifier.Algorithm, ThreatClassifier.Features)),
            ThreatClassifier.Features.Length, flows[0]);
    }

    /// <summary><paramref name="rows"/> copies of the sample row, row-major.</summary>
    public static float[] Batch(Sample sample, int rows) => Enumerable.Repeat(sample.Row, rows).SelectMany(r => r).ToArray();

    private static ModelCard Card(string type, string algorithm, IReadOnlyList<string> features) =>
        new(type, algorithm, features, "features", "score", 0.5);
}
