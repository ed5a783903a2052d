using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.Silo.Persistence;

using System.Text.Json.Serialization;

namespace NetworkGrains.Silo.Api;

/// <summary>One series of a device over [From, To]: raw <see cref="Points"/>, or 1-minute <see cref="Rollups"/> (resolution 1m).</summary>
public sealed record TelemetrySeries(string DeviceId, string Metric, string? Instance, string Resolution, DateTimeOffset From, DateTimeOffset To)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TelemetryPoint[]? Points { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RollupPoint[]? Rollups { get; init; }
}

/// <summary>
/// GET /api/v1/devices/{id}/telemetry?metric=&amp;instance=&amp;from=&amp;to=&amp;resolution=raw|1m.
/// Raw points come from the device's window; 1-minute rollups from PostgreSQL, overlaid by the minutes the
/// device still holds (not written behind yet, or newer than what was: in its window or its backlog).
/// </summary>
public static class TelemetryQueryEndpoint
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static async Task<IResult> Handle(
        IGrainFactory grains, IRollupReader rollupReader, TimeProvider time, string id,
        string? metric, string? instance, string? from, string? to, string? resolution, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!ReadingRules.IsValidName(metric)) errors.Add("metric", "required: a metric name");
        var end = QueryValues.Time(to, "to", errors) ?? time.GetUtcNow();
        var start = QueryValues.Time(from, "from", errors) ?? end - TimeSpan.FromHours(1);
        if (start > end) errors.Add("from", "must not be after 'to'");
        else if (end - start > MaxRange) errors.Add("from", $"the range is at most {MaxRange.TotalDays:0} days");
        resolution ??= "raw";
        if (resolution is not ("raw" or "1m")) errors.Add("resolution", "raw or 1m");
        if (errors.Any) return errors.ToResult();
        if (!await DeviceEndpoints.Exists(grains, id)) return DeviceEndpoints.UnknownDevice(id);

        var device = grains.GetGrain<IDeviceGrain>(id);
        if (resolution == "raw")
        {
            var points = await device.GetRaw(metric!, instance, start, end);
            return Results.Ok(new TelemetrySeries(id, metric!, instance, resolution, start, end) { Points = points });
        }

        // The device first: a minute it no longer holds was stored before it answered, so the read after finds it.
        var held = await device.GetRollups(metric!, instance, start, end);
        var stored = await rollupReader.ReadAsync(id, metric!, instance, start, end, cancellationToken);
        var heldMinutes = held.Select(h => h.Minute).ToHashSet();
        var rollups = stored.Where(s => !heldMinutes.Contains(s.Minute)).Concat(held).OrderBy(r => r.Minute);
        return Results.Ok(new TelemetrySeries(id, metric!, instance, resolution, start, end) { Rollups = [.. rollups] });
    }
}
