using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.ML.Forecasting;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Silo.Application;

/// <summary>A device interface's inbound traffic ahead: hourly points, and the method that made them.</summary>
public sealed record TrafficForecast(string DeviceId, string Instance, string Method, ForecastPoint[] Points);

public sealed record ForecastPoint(DateTimeOffset Time, double BitsPerSecond);

/// <summary>A forecast, or why there is none yet (too little history).</summary>
public sealed record TrafficForecastAnswer(TrafficForecast? Forecast, string? Reason);

/// <summary>
/// The traffic forecast (REST GET /api/v1/devices/{id}/traffic-forecast, Teams /predict traffic, ngctl forecast traffic): a device interface's
/// inbound traffic ahead, from its hourly means over the last week (PostgreSQL rollups), through the production
/// traffic_prediction model when there is one, else the seasonal naive forecast (the same hour a day before),
/// and it says which. Without a day and a half of history the answer is the reason instead.
/// </summary>
public sealed class TrafficForecasts(IGrainFactory grains, IRollupReader rollups, TimeProvider clock)
{
    public const int Season = 24;
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromHours(Season);
    private const string InOctets = "ifHCInOctets";
    private const int MaxInstance = 64;

    /// <summary>
    /// Hourly points for <paramref name="horizon"/> (whole hours, 1h to 24h) of <paramref name="instance"/> (the busiest
    /// interface when null); InvalidInputProblem for a bad value, NotFoundProblem for an unknown device.
    /// </summary>
    public async Task<TrafficForecastAnswer> ForecastAsync(string deviceId, string? instance, TimeSpan horizon, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (horizon < TimeSpan.FromHours(1) || horizon > MaxHorizon) errors.Add("horizon", $"1h to {Season}h");
        if (instance is { Length: 0 or > MaxInstance }) errors.Add("instance", $"1 to {MaxInstance} characters");
        errors.ThrowIfAny();
        if (!DeviceIds.IsValid(deviceId) || await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Get(deviceId) is null)
            throw new NotFoundProblem($"no device {deviceId}");
        var device = grains.GetGrain<IDeviceGrain>(deviceId);

        instance ??= (await device.GetSeries()).Where(s => s.Metric == InOctets).MaxBy(s => s.Mean ?? 0)?.Instance ?? "1";
        var now = clock.GetUtcNow();
        var points = await rollups.ReadAsync(deviceId, InOctets, instance, now.AddDays(-7), now, cancellationToken);
        var hourly = points.GroupBy(p => new DateTimeOffset(p.Minute.UtcTicks - p.Minute.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero))
            .OrderBy(g => g.Key).Select(g => (Hour: g.Key, BitsPerSecond: g.Average(p => p.Mean) * 8)).ToArray();
        var needed = ForecastFeatures.FirstOrigin(Season) + Season / 2;
        if (hourly.Length < needed)
            return new(null, $"{deviceId} interface {instance} has {hourly.Length} hours of traffic history; a forecast needs {needed} (rollups are kept in the Postgres profile).");

        var hours = (int)horizon.TotalHours;
        var values = hourly.Select(h => h.BitsPerSecond).ToArray();
        var origin = values.Length - 1;
        var times = Enumerable.Range(1, hours).Select(h => hourly[^1].Hour.AddHours(h)).ToArray();
        var model = await ProductionModel();
        if (model is null)
            return Answer(deviceId, instance, "seasonal naive (no traffic_prediction model in production)", times, Enumerable.Range(1, hours).Select(h => values[origin + h - Season]));

        var rows = Enumerable.Range(1, hours).Select(h => ForecastFeatures.At(values, times[h - 1].UtcDateTime, origin, h, Season)).ToArray();
        var scored = await grains.GetGrain<IInferenceGrain>(0).Score(new ScoreRequest(model, null, deviceId, ForecastFeatures.Count, [.. rows.SelectMany(r => r)]));
        return Answer(deviceId, instance, $"{model} v{scored.Version}", times, scored.Scores.Select(s => Math.Max(0, (double)s)));
    }

    private static TrafficForecastAnswer Answer(string deviceId, string instance, string method, DateTimeOffset[] times, IEnumerable<double> bitsPerSecond) =>
        new(new TrafficForecast(deviceId, instance, method, [.. times.Zip(bitsPerSecond, (t, v) => new ForecastPoint(t, v))]), null);

    private async Task<string?> ProductionModel()
    {
        foreach (var entry in await grains.GetGrain<IModelCatalogGrain>(IModelCatalogGrain.Key).List())
            if (entry.Type == ModelType.TrafficPrediction && await grains.GetGrain<IModelGrain>(entry.Name).Get() is { Production: not null })
                return entry.Name;
        return null;
    }
}
