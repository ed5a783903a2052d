using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Application;

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

    public static async Task<Ok<TelemetrySeries>> Handle(
        IGrainFactory grains, TelemetryReads telemetry, TimeProvider time, string id,
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
        errors.ThrowIfAny();
        await DeviceEndpoints.EnsureExists(grains, id);

        var series = new TelemetrySeries(id, metric!, instance, resolution, start, end);
        return TypedResults.Ok(resolution == "raw"
            ? series with { Points = await telemetry.Raw(id, metric!, instance, start, end) }
            : series with { Rollups = await telemetry.Rollups(id, metric!, instance, start, end, cancellationToken) });
    }
}
