using NetworkGrains.ML.Synthetic;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Nab;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Tests.Models;

namespace NetworkGrains.ML.Tests.Forecasting;

public sealed class TrafficForecasterTests
{
    private static readonly ModelCard Card = new("traffic_prediction", TrafficForecaster.Algorithm, ForecastFeatures.Names,
        ForecastOnnx.Input, ForecastOnnx.Output, 0);

    [Fact]
    public void Onnx_forecast_matches_the_MLNET_model()
    {
        var series = DiurnalSeries.Utilisation("if1", days: 10, seed: 1);
        var model = TrafficForecaster.Train([series], TimeSpan.FromHours(1), s => 288 * 7);
        var origins = Enumerable.Range(288 * 7, 500).ToList();
        var rows = origins.Select(t => ForecastFeatures.At(series.Values, series.TimeAt(t + model.Horizon), t, model.Horizon, series.Season)).ToList();

        var onnx = OnnxScores.Run(ForecastOnnx.Export(model, Card), rows);

        var worst = origins.Select((t, i) => Math.Abs(onnx[i] - model.Forecast(series, t))).Max();
        Assert.True(worst <= 1e-4, $"max abs diff {worst}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    public void Beats_seasonal_naive_on_simulated_utilisation(int hours)
    {
        var fleet = Enumerable.Range(0, 4).Select(i => DiurnalSeries.Utilisation($"if{i}", days: 21, seed: i)).ToList();

        var (_, results) = ForecastBacktest.Run(fleet, TimeSpan.FromHours(hours));

        Assert.All(results, r => Assert.True(r.RelativeMae < 1, $"{r.Series}: {r.RelativeMae:F3}"));
    }

    [Fact]
    public void Beats_seasonal_naive_on_NAB_realAWSCloudwatch_on_average()
    {
        var aws = NabCorpus.ReadData(SharedNab.Directory).Where(f => f.Category == "realAWSCloudwatch")
            .Select(f => new ForecastSeries(f.Key, f.Timestamps, f.Values)).ToList();

        var (_, results) = ForecastBacktest.Run(aws, TimeSpan.FromHours(1));

        Assert.True(results.Count >= 10);
        var mean = results.Average(r => r.RelativeMae);
        Assert.True(mean < 1, $"mean relative MAE {mean:F3}");
    }

    [Fact]
    public void Feature_names_match_the_row()
    {
        var series = DiurnalSeries.Utilisation("if", days: 2, seed: 1);

        Assert.Equal(ForecastFeatures.Count, ForecastFeatures.Names.Length);
        Assert.Equal(ForecastFeatures.Count, ForecastFeatures.At(series.Values, series.TimeAt(300), 290, 10, 288).Length);
    }

    [Fact]
    public void Too_short_a_history_is_a_clear_error()
    {
        var series = DiurnalSeries.Utilisation("if", days: 1, seed: 1);

        var error = Assert.Throws<InvalidOperationException>(() => TrafficForecaster.Train([series], TimeSpan.FromHours(1), s => s.Values.Length));
        Assert.Contains("training rows", error.Message);
    }
}
