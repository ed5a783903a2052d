using System.Globalization;
using System.Text.Json;
using NetworkGrains.Cli.Simulate;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.Nab;
using NetworkGrains.ML.Training;

namespace NetworkGrains.Cli;

/// <summary>
/// `ngctl forecast traffic`: a device's traffic forecast from a running silo (GET /api/v1/devices/{id}/traffic-forecast,
/// what Teams' /predict traffic answers with); `ngctl forecast backtest`: the traffic-prediction model against
/// seasonal naive on NAB-layout series.
/// </summary>
public static class ForecastCommand
{
    public static async Task<int> TrafficAsync(CommandLine options)
    {
        var device = options.Text("device") ?? throw new UsageException("--device ID is required");
        var instance = options.Text("instance");
        var horizon = options.Text("horizon") ?? "24h";
        var silo = options.Text("silo") ?? SiloSetup.DefaultSilo;
        var apiKey = SiloSetup.ApiKey(options);
        options.EnsureAllRead();

        using var http = SiloSetup.Client(silo, apiKey);
        var query = $"horizon={Uri.EscapeDataString(horizon)}" + (instance is null ? "" : $"&instance={Uri.EscapeDataString(instance)}");
        try
        {
            using var response = await http.GetAsync($"/api/v1/devices/{Uri.EscapeDataString(device)}/traffic-forecast?{query}");
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"ngctl forecast traffic: {(int)response.StatusCode} {body}");
                return 1;
            }

            var forecast = JsonDocument.Parse(body).RootElement;
            Console.WriteLine($"{forecast.GetProperty("deviceId").GetString()} interface {forecast.GetProperty("instance").GetString()}: {forecast.GetProperty("method").GetString()}");
            foreach (var point in forecast.GetProperty("points").EnumerateArray())
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{point.GetProperty("time").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd HH:mm}Z {point.GetProperty("bitsPerSecond").GetDouble(),16:F0} bit/s"));
            return 0;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"ngctl forecast traffic: {silo}: {ex.Message}");
            return 1;
        }
    }

    public static int Backtest(CommandLine options)
    {
        var data = options.Text("data") ?? throw new UsageException("--data DIR is required");
        var category = options.Text("category");
        var horizons = (options.Text("horizon") ?? "1h,24h").Split(',').Select(ParseHorizon).ToList();
        options.EnsureAllRead();
        try
        {
            var series = NabCorpus.ReadData(data).Where(f => category is null || f.Category == category)
                .Select(f => new ForecastSeries(f.Key, f.Timestamps, f.Values)).ToList();
            if (series.Count == 0) throw new UsageException($"no series under {data}/data" + (category is null ? "" : $"/{category}"));
            foreach (var horizon in horizons)
            {
                var (model, results) = ForecastBacktest.Run(series, horizon);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"horizon {horizon} ({model.Horizon} steps): tree weight {model.TreeWeight:F1} (chosen on the last fifth of the training span)"));
                Print(results);
            }
            return 0;
        }
        catch (Exception ex) when (ex is NabFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"ngctl forecast backtest: {ex.Message}");
            return 1;
        }
    }

    private static void Print(List<BacktestResult> results)
    {
        Console.WriteLine($"  model MAE / seasonal-naive MAE on the same points (relative), and MASE (in-sample seasonal-naive scale)");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Series,-60} {r.Points,6} relative {r.RelativeMae,7:F3}  MASE {r.Mase,7:F3}"));
        var usable = results.Where(r => double.IsFinite(r.RelativeMae)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  mean over {usable.Count} series: relative {usable.Average(r => r.RelativeMae):F3}, MASE {usable.Where(r => double.IsFinite(r.Mase)).Average(r => r.Mase):F3}"));
    }

    private static TimeSpan ParseHorizon(string text)
    {
        try
        {
            return ModelTraining.Horizon(text);
        }
        catch (DatasetFormatException ex)
        {
            throw new UsageException("--" + ex.Message);
        }
    }
}
