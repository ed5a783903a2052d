using System.Globalization;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.Drift;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Training;

/// <summary>What to train: the model type (snake_case), an algorithm (null for the type's default) and its options.</summary>
public sealed record TrainingSpec(string ModelType, string? Algorithm, IReadOnlyDictionary<string, string> Options);

/// <summary>Trains a model of a registry type on a dataset and returns its ONNX artifact with a model card.</summary>
public static class ModelTraining
{
    public const string AnomalyDetection = "anomaly_detection";
    public const string TrafficPrediction = "traffic_prediction";
    public const string SecurityThreatDetection = "security_threat_detection";
    public const string PerformanceOptimization = "performance_optimization";
    public const string HorizonParameter = "horizon_steps";
    public const string DistributionParameter = "training_distribution";

    public static IReadOnlyList<string> AlgorithmsFor(string modelType) => modelType switch
    {
        AnomalyDetection => [PcaModel.Algorithm, IsolationForest.Algorithm],
        TrafficPrediction => [TrafficForecaster.Algorithm],
        SecurityThreatDetection => [ThreatClassifier.Algorithm],
        PerformanceOptimization => [KpiRegressor.Algorithm],
        _ => [],
    };

    public static byte[] Train(TrainingSpec spec, TabularData data, string datasetSha256)
    {
        var algorithms = AlgorithmsFor(spec.ModelType);
        if (algorithms.Count == 0) throw new NotSupportedException($"no trainer for {spec.ModelType} models yet");
        var algorithm = spec.Algorithm ?? algorithms[0];
        if (!algorithms.Contains(algorithm)) throw new NotSupportedException($"{spec.ModelType} models train with {string.Join(" or ", algorithms)}, not {algorithm}");

        return algorithm switch
        {
            PcaModel.Algorithm => Unsupervised(spec, data, datasetSha256, rows =>
                (Export: (Func<ModelCard, byte[]>)(card => PcaOnnx.Export(PcaModel.Fit(rows), card)), Threshold: 0.5)),
            IsolationForest.Algorithm => Unsupervised(spec, data, datasetSha256, rows =>
            {
                var forest = IsolationForest.Fit(rows);
                return (card => IsolationForestOnnx.Export(forest, card), forest.Threshold);
            }),
            TrafficForecaster.Algorithm => Forecast(spec, data, datasetSha256),
            KpiRegressor.Algorithm => Kpi(spec, data, datasetSha256),
            _ => Threat(spec, data, datasetSha256),
        };
    }

    /// <summary>Trains on the rows labelled normal (all rows when there is no label column).</summary>
    private static byte[] Unsupervised(TrainingSpec spec, TabularData data, string sha, Func<List<float[]>, (Func<ModelCard, byte[]> Export, double Threshold)> fit)
    {
        var features = data.FeatureColumns();
        var rows = data.Features(features);
        var anomalous = data.IndexOf(TabularData.LabelColumn) >= 0 ? data.Labels() : new bool[rows.Length];
        var normal = rows.Where((_, i) => !anomalous[i]).ToList();
        if (normal.Count < 10) throw new DatasetFormatException($"{normal.Count} normal rows: training needs at least 10");
        var (export, threshold) = fit(normal);
        return export(new ModelCard(spec.ModelType, spec.Algorithm ?? PcaModel.Algorithm, features, "features", "score", threshold, TrainingDataSha256: sha,
            Parameters: Distribution(features, normal)));
    }

    private static byte[] Forecast(TrainingSpec spec, TabularData data, string sha)
    {
        var horizon = spec.Options.TryGetValue("horizon", out var text) ? Horizon(text) : TimeSpan.FromHours(1);
        var series = SeriesData.Read(data);
        var forecaster = TrafficForecaster.Train(series, horizon, s => s.Values.Length);
        var windows = series.SelectMany(s => Enumerable.Range(ForecastFeatures.FirstOrigin(s.Season), Math.Max(0, s.Values.Length - forecaster.Horizon - ForecastFeatures.FirstOrigin(s.Season)))
            .Select(t => forecaster.FeaturesAt(s, t))).ToList();
        var card = new ModelCard(spec.ModelType, TrafficForecaster.Algorithm, ForecastFeatures.Names, ForecastOnnx.Input, ForecastOnnx.Output, 0,
            TrainingDataSha256: sha,
            Parameters: new Dictionary<string, string>
            {
                [HorizonParameter] = forecaster.Horizon.ToString(CultureInfo.InvariantCulture),
                ["tree_weight"] = forecaster.TreeWeight.ToString("R", CultureInfo.InvariantCulture),
                [DistributionParameter] = FeatureDistribution.FromRows(ForecastFeatures.Names, windows).ToJson(),
            });
        return ForecastOnnx.Export(forecaster, card);
    }

    private static byte[] Threat(TrainingSpec spec, TabularData data, string sha)
    {
        var features = data.FeatureColumns();
        var rows = data.Features(features);
        var classifier = ThreatClassifier.Train(rows, data.Labels());
        return classifier.Export(new ModelCard(spec.ModelType, ThreatClassifier.Algorithm, features, ThreatClassifier.Input, ThreatClassifier.Output, 0.5,
            TrainingDataSha256: sha, Parameters: Distribution(features, rows)));
    }

    private static byte[] Kpi(TrainingSpec spec, TabularData data, string sha)
    {
        var features = data.FeatureColumns();
        var targets = data.Targets();
        var rows = data.Features(features);
        var regressor = KpiRegressor.Train(rows, targets);
        return regressor.Export(new ModelCard(spec.ModelType, KpiRegressor.Algorithm, features, KpiRegressor.Input, KpiRegressor.Output, 0,
            TrainingDataSha256: sha, Parameters: Distribution(features, rows)));
    }

    private static Dictionary<string, string> Distribution(IReadOnlyList<string> features, IReadOnlyList<float[]> rows) =>
        new() { [DistributionParameter] = FeatureDistribution.FromRows(features, rows).ToJson() };

    public static TimeSpan Horizon(string text) => text.Trim() switch
    {
        var t when t.EndsWith('h') && int.TryParse(t[..^1], CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 24 => TimeSpan.FromHours(h),
        var t when t.EndsWith('m') && int.TryParse(t[..^1], CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 1440 => TimeSpan.FromMinutes(m),
        _ => throw new DatasetFormatException($"horizon '{text}': minutes or hours up to 24h, e.g. 30m, 1h, 24h"),
    };
}
