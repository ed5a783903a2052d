using NetworkGrains.ML.Drift;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Training;

namespace NetworkGrains.Cli.Bench;

/// <summary>One artifact of each model type the registry trains, built from synthetic data, with rows to score.</summary>
public static class BenchModels
{
    /// <summary>A model and rows like those it was trained on (so the drift monitor sees ordinary traffic).</summary>
    public sealed record Sample(string Name, string ModelType, byte[] Onnx, int FeatureCount, IReadOnlyList<float[]> Rows);

    public static IEnumerable<Sample> All()
    {
        var windows = SyntheticWindows.Normal(3000, seed: 1);
        string[] windowFeatures = ["in", "out", "pps", "errors", "cpu", "flows"];
        yield return new("pca", "anomaly_detection",
            PcaOnnx.Export(PcaModel.Fit(windows), Card("anomaly_detection", PcaModel.Algorithm, windowFeatures, windows)), windowFeatures.Length, windows);
        yield return new("isolation_forest", "anomaly_detection",
            IsolationForestOnnx.Export(IsolationForest.Fit(windows), Card("anomaly_detection", IsolationForest.Algorithm, windowFeatures, windows)), windowFeatures.Length, windows);

        var series = DiurnalSeries.Utilisation("if1", days: 14, seed: 1);
        var forecaster = TrafficForecaster.Train([series], TimeSpan.FromHours(1), s => s.Values.Length);
        var forecastRows = Enumerable.Range(ForecastFeatures.FirstOrigin(series.Season), 2000).Select(t => forecaster.FeaturesAt(series, t)).ToList();
        var forecastCard = Card("traffic_prediction", TrafficForecaster.Algorithm, ForecastFeatures.Names, forecastRows) with { Input = ForecastOnnx.Input, Output = ForecastOnnx.Output };
        yield return new("fasttree_forecast", "traffic_prediction", ForecastOnnx.Export(forecaster, forecastCard), ForecastFeatures.Count, forecastRows);

        var (flows, labels) = FlowWindows.Labelled(3000, seed: 1);
        var threat = ThreatClassifier.Train(flows, labels);
        yield return new("fasttree_threat", "security_threat_detection", threat.Export(Card("security_threat_detection", ThreatClassifier.Algorithm, ThreatClassifier.Features, flows)),
            ThreatClassifier.Features.Length, flows);

        var (links, latency) = LinkLatency.Samples(3000, seed: 1);
        var kpi = KpiRegressor.Train(links, latency);
        yield return new("fasttree_kpi", "performance_optimization", kpi.Export(Card("performance_optimization", KpiRegressor.Algorithm, LinkLatency.Features, links)),
            LinkLatency.Features.Length, links);
    }

    /// <summary><paramref name="rows"/> sample rows from the <paramref name="first"/>th on (wrapping round), row-major.</summary>
    public static float[] Batch(Sample sample, int rows, int first = 0) =>
        Enumerable.Range(first, rows).SelectMany(i => sample.Rows[i % sample.Rows.Count]).ToArray();

    /// <summary>A card with the training distribution, so the pool's drift monitor runs as it does for trained models.</summary>
    private static ModelCard Card(string type, string algorithm, IReadOnlyList<string> features, IReadOnlyList<float[]> rows) =>
        new(type, algorithm, features, "features", "score", 0.5,
            Parameters: new Dictionary<string, string> { [ModelTraining.DistributionParameter] = FeatureDistribution.FromRows(features, rows).ToJson() });
}
