using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.Nab;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.ML.Training;

/// <summary>
/// Scores a labelled dataset with an artifact through ONNX Runtime (the path production uses): classification
/// metrics for detectors and classifiers, MASE against seasonal naive for forecasts, MAE/RMSE/R² for performance
/// (KPI) regressions, and for anomaly detectors the NAB standard score too ("nab_score", 0..1: the rows read as a
/// series in their order, each run of labelled rows a window; see <see cref="NabScorer"/>).
/// </summary>
public static class ModelValidation
{
    public static Dictionary<string, double> Validate(OnnxScorer scorer, TabularData data)
    {
        if (scorer.Card.ModelType == ModelTraining.TrafficPrediction) return Forecast(scorer, data);
        if (scorer.Card.ModelType == ModelTraining.PerformanceOptimization) return Regression(scorer, data);
        var scores = ScoreRows(scorer, data);
        var labels = data.Labels();
        var metrics = ClassificationMetrics.Compute(scores, labels, scorer.Card.Threshold);
        if (scorer.Card.ModelType == ModelTraining.AnomalyDetection && NabScore(scores, labels) is { } nab) metrics["nab_score"] = nab;
        return metrics;
    }

    /// <summary>How well predicted KPIs match the target column: MAE, RMSE and R² (1 - residual / total variance).</summary>
    private static Dictionary<string, double> Regression(OnnxScorer scorer, TabularData data)
    {
        var predictions = ScoreRows(scorer, data);
        var targets = data.Targets();
        var mean = targets.Average(t => (double)t);
        var residual = targets.Select((t, i) => Math.Pow(t - predictions[i], 2)).Sum();
        var total = targets.Sum(t => Math.Pow(t - mean, 2));
        return new Dictionary<string, double>
        {
            ["mae"] = targets.Select((t, i) => Math.Abs(t - predictions[i])).Average(),
            ["rmse"] = Math.Sqrt(residual / targets.Length),
            ["r2"] = total > 0 ? 1 - residual / total : 0,
            ["rows"] = targets.Length,
        };
    }

    /// <summary>One score per row of the dataset, its columns read in the model's feature order.</summary>
    private static float[] ScoreRows(OnnxScorer scorer, TabularData data)
    {
        var rows = data.Features(scorer.Card.Features);
        var scores = new float[rows.Length];
        scorer.Score(rows.SelectMany(r => r).ToArray(), rows.Length, scores);
        return scores;
    }

    /// <summary>The normalised NAB standard score over 100, or null when no window lies after the probation rows.</summary>
    private static double? NabScore(float[] scores, bool[] labels)
    {
        var file = new NabScorer.ScoredFile("validation", [.. scores.Select(s => (double)s)], NabScorer.WindowsOfLabelledRuns(labels));
        return file.ScorableWindows == 0 ? null : NabScorer.Score([file], NabProfile.Standard).Score / 100;
    }

    /// <summary>
    /// Every origin of every series forecast through the artifact. "mase" is the mean over series of the model's
    /// MAE divided by the seasonal-naive MAE on the same points (below 1 beats "same time yesterday").
    /// </summary>
    private static Dictionary<string, double> Forecast(OnnxScorer scorer, TabularData data)
    {
        var horizon = int.TryParse(scorer.Card.Parameter(ModelTraining.HorizonParameter), out var h) ? h
            : throw new ModelCardException("the forecast model's card has no horizon_steps parameter");
        var results = SeriesData.Read(data).Select(series =>
        {
            var origins = Enumerable.Range(ForecastFeatures.FirstOrigin(series.Season), Math.Max(0, series.Values.Length - horizon - ForecastFeatures.FirstOrigin(series.Season))).ToArray();
            if (origins.Length == 0 || horizon > series.Season) return null;
            var input = origins.SelectMany(t => ForecastFeatures.At(series.Values, series.TimeAt(t + horizon), t, horizon, series.Season)).ToArray();
            var forecasts = new float[origins.Length];
            scorer.Score(input, origins.Length, forecasts);
            var byOrigin = origins.Select((t, i) => (t, f: forecasts[i])).ToDictionary(x => x.t, x => (double)x.f);
            return ForecastBacktest.Evaluate(series, horizon, origins[0], t => byOrigin[t]);
        }).OfType<BacktestResult>().Where(r => r.Points > 0 && r.SeasonalNaiveMae > 0).ToList();
        if (results.Count == 0) throw new DatasetFormatException("no series is long enough to validate: each needs more than a day and the horizon of points");
        return new Dictionary<string, double>
        {
            ["mase"] = results.Average(r => r.RelativeMae),
            ["mae"] = results.Average(r => r.ModelMae),
            ["series"] = results.Count,
            ["rows"] = results.Sum(r => r.Points),
        };
    }
}

public sealed class ModelCardException(string message) : Exception(message);
