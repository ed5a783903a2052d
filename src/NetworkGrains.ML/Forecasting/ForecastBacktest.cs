namespace NetworkGrains.ML.Forecasting;

/// <summary>A series' backtest: mean absolute errors of the model and of the seasonal-naive forecast on the same points.</summary>
public sealed record BacktestResult(string Series, int Points, double ModelMae, double SeasonalNaiveMae, double InSampleNaiveMae)
{
    /// <summary>Model MAE over seasonal-naive MAE on the same test points: below 1 beats "same time yesterday".</summary>
    public double RelativeMae => ModelMae / SeasonalNaiveMae;

    /// <summary>Hyndman's MASE: model MAE scaled by the in-sample (training part) seasonal-naive MAE.</summary>
    public double Mase => ModelMae / InSampleNaiveMae;
}

/// <summary>
/// Rolling-origin backtest: one global model trained on the first part of every series, then every origin of the
/// remaining part forecast h steps ahead, against y[t+h-s] (seasonal naive, s = one day).
/// </summary>
public static class ForecastBacktest
{
    public static (TrafficForecaster Model, List<BacktestResult> Results) Run(IReadOnlyList<ForecastSeries> series, TimeSpan horizon, double trainingShare = 0.75)
    {
        int TrainingEnd(ForecastSeries s) => (int)(s.Values.Length * trainingShare);
        var model = TrafficForecaster.Train(series, horizon, TrainingEnd);
        var results = series.Select(s => Evaluate(model, s, TrainingEnd(s))).Where(r => r.Points > 0).ToList();
        return (model, results);
    }

    public static BacktestResult Evaluate(TrafficForecaster model, ForecastSeries series, int trainingEnd) =>
        Evaluate(series, model.Horizon, trainingEnd, t => model.Forecast(series, t));

    /// <summary>Backtests any forecast function of the origin (an ONNX artifact, say) from <paramref name="from"/> on.</summary>
    public static BacktestResult Evaluate(ForecastSeries series, int horizon, int from, Func<int, double> forecast)
    {
        var h = horizon;
        var trainingEnd = from;
        var season = series.Season;
        double modelError = 0, naiveError = 0;
        var points = 0;
        for (var t = Math.Max(trainingEnd, ForecastFeatures.FirstOrigin(season)); t + h < series.Values.Length; t++)
        {
            var actual = series.Values[t + h];
            modelError += Math.Abs(actual - forecast(t));
            naiveError += Math.Abs(actual - series.Values[t + h - season]);
            points++;
        }

        var inSample = 0.0;
        for (var t = season; t < trainingEnd; t++) inSample += Math.Abs(series.Values[t] - series.Values[t - season]);
        return new BacktestResult(series.Name, points, modelError / Math.Max(points, 1), naiveError / Math.Max(points, 1),
            inSample / Math.Max(trainingEnd - season, 1));
    }
}
