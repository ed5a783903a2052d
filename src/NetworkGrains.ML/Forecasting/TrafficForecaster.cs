using Microsoft.ML;
using Microsoft.ML.Data;

namespace NetworkGrains.ML.Forecasting;

/// <summary>
/// Gradient-boosted trees (ML.NET FastTree) forecasting a series h steps ahead from <see cref="ForecastFeatures"/>.
/// One model per horizon; the trained transformer exports to ONNX through <see cref="ForecastOnnx"/>.
/// </summary>
public sealed class TrafficForecaster
{
    public const string Algorithm = "fasttree_forecast";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<FeatureRow, ScoreRow> _engine;

    private TrafficForecaster(MLContext ml, ITransformer model, int horizon)
    {
        _ml = ml;
        _model = model;
        Horizon = horizon;
        _engine = ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(model);
    }

    public int Horizon { get; }

    /// <summary>Trains on every origin of every series up to <paramref name="trainingEnd"/> (exclusive, per series).</summary>
    public static TrafficForecaster Train(IReadOnlyList<ForecastSeries> series, TimeSpan horizon, Func<ForecastSeries, int> trainingEnd, int seed = 1)
    {
        var rows = new List<TrainingRow>();
        var steps = 0;
        foreach (var s in series)
        {
            steps = s.StepsFor(horizon);
            for (var t = ForecastFeatures.FirstOrigin(s.Season); t + steps < trainingEnd(s); t++)
            {
                var features = ForecastFeatures.At(s.Values, s.TimeAt(t + steps), t, steps, s.Season);
                rows.Add(new TrainingRow
                {
                    Features = features[ForecastFeatures.FirstTreeFeature..],
                    Label = ForecastFeatures.Relative(s.Values[t + steps] - features[ForecastFeatures.Level], features[ForecastFeatures.Scale]),
                });
            }
        }

        if (rows.Count < 50) throw new InvalidOperationException($"{rows.Count} training rows: a series needs more than a day and a horizon of history");
        var ml = new MLContext(seed);
        var trainer = ml.Regression.Trainers.FastTree(numberOfLeaves: 8, numberOfTrees: 60, minimumExampleCountPerLeaf: 100, learningRate: 0.1);
        return new TrafficForecaster(ml, trainer.Fit(ml.Data.LoadFromEnumerable(rows)), steps);
    }

    /// <summary>The forecast for the value <see cref="Horizon"/> steps after <paramref name="origin"/>.</summary>
    public double Forecast(ForecastSeries series, int origin)
    {
        var features = ForecastFeatures.At(series.Values, series.TimeAt(origin + Horizon), origin, Horizon, series.Season);
        return ForecastFeatures.Forecast(features, Predict(features));
    }

    /// <summary>The trees' output for a full feature row: the scaled change from the level.</summary>
    public float Predict(float[] features) =>
        _engine.Predict(new FeatureRow { Features = features[ForecastFeatures.FirstTreeFeature..] }).Score;

    /// <summary>The ML.NET ONNX export of the trees alone (input "Features": the tree features; output the scaled change).</summary>
    public byte[] ExportTreesToOnnx()
    {
        using var stream = new MemoryStream();
        _ml.Model.ConvertToOnnx(_model, _ml.Data.LoadFromEnumerable([new FeatureRow { Features = new float[ForecastFeatures.TreeFeatureCount] }]), stream);
        return stream.ToArray();
    }

    private class FeatureRow
    {
        [VectorType(ForecastFeatures.TreeFeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private sealed class TrainingRow : FeatureRow
    {
        public float Label { get; set; }
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
