using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>The forecast /predict traffic answers with: hourly points ahead, and what made them.</summary>
public sealed record TrafficForecastResult(string Instance, DateTime[] Times, double[] BitsPerSecond, string Method);

/// <summary>
/// A device interface's traffic ahead, from its hourly means over the last week (PostgreSQL rollups): through the
/// production traffic_prediction model when there is one, else the seasonal naive forecast (the same hour a day
/// before), and it says which. Null with the reason when there is not a day and a half of history.
/// </summary>
public sealed class TrafficForecast(IGrainFactory grains, IRollupReader rollups, TimeProvider clock)
{
    public const int Season = 24;
    private const string InOctets = "ifHCInOctets";

    public async Task<(TrafficForecastResult? Forecast, string? Reason)> ForecastAsync(string deviceId, string? instance, int hours, CancellationToken cancellationToken)
    {
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        instance ??= (await device.GetSeries()).Where(s => s.Metric == InOctets).MaxBy(s => s.Mean ?? 0)?.Instance ?? "1";
        var now = clock.GetUtcNow();
        var points = await rollups.ReadAsync(deviceId, InOctets, instance, now.AddDays(-7), now, cancellationToken);
        var hourly = points.GroupBy(p => new DateTime(p.Minute.UtcDateTime.Ticks - p.Minute.UtcDateTime.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc))
            .OrderBy(g => g.Key).Select(g => (Hour: g.Key, BitsPerSecond: g.Average(p => p.Mean) * 8)).ToArray();
        if (hourly.Length < ForecastFeatures.FirstOrigin(Season) + Season / 2)
            return (null, $"{deviceId} interface {instance} has {hourly.Length} hours of traffic history; a forecast needs 36 (rollups are kept in the Postgres profile).");

        var values = hourly.Select(h => h.BitsPerSecond).ToArray();
        var origin = values.Length - 1;
        var times = Enumerable.Range(1, hours).Select(h => hourly[^1].Hour.AddHours(h)).ToArray();
        var model = await ProductionModel();
        if (model is null)
            return (new TrafficForecastResult(instance, times, [.. Enumerable.Range(1, hours).Select(h => values[origin + h - Season])],
                "seasonal naive (no traffic_prediction model in production)"), null);

        var rows = Enumerable.Range(1, hours).Select(h => ForecastFeatures.At(values, times[h - 1], origin, h, Season)).ToArray();
        var scored = await grains.GetGrain<IInferenceGrain>(0).Score(new ScoreRequest(model, null, deviceId, ForecastFeatures.Count, [.. rows.SelectMany(r => r)]));
        return (new TrafficForecastResult(instance, times, [.. scored.Scores.Select(s => Math.Max(0, (double)s))], $"{model} v{scored.Version}"), null);
    }

    private async Task<string?> ProductionModel()
    {
        foreach (var entry in await grains.GetGrain<IModelCatalogGrain>(IModelCatalogGrain.Key).List())
            if (entry.Type == ModelType.TrafficPrediction && await grains.GetGrain<IModelGrain>(entry.Name).Get() is { Production: not null })
                return entry.Name;
        return null;
    }
}
