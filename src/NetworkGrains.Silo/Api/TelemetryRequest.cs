using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Api;

/// <summary>One reading as POSTed to /api/v1/devices/{id}/telemetry.</summary>
public sealed record ReadingBody(string? Metric, string? Instance, DateTimeOffset? Timestamp, ReadingValue? Value, MetricKind? Kind);

/// <summary>
/// Parses and validates a telemetry body as a whole: one bad reading refuses the request, so nothing is
/// applied and the caller learns every field that was wrong.
/// </summary>
public static class TelemetryRequest
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxReadings = 10_000;

    public static bool TryParse(ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxFutureSkew, out Reading[] readings, out ValidationErrors errors)
    {
        readings = [];
        errors = new ValidationErrors();
        if (!ApiJson.TryDeserialize<ReadingBody?[]>(body, errors, "the body must be a JSON array of readings", out var items)) return false;
        if (items.Length > MaxReadings) { errors.Add("$", $"at most {MaxReadings} readings per request"); return false; }

        var parsed = new Reading[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (TryValidate(items[i], $"$[{i}]", now, maxFutureSkew, errors) is { } reading) parsed[i] = reading;
        }
        if (errors.Any) return false;
        readings = parsed;
        return true;
    }

    private static Reading? TryValidate(ReadingBody? item, string at, DateTimeOffset now, TimeSpan maxFutureSkew, ValidationErrors errors)
    {
        if (item is null) { errors.Add(at, "a reading must be an object"); return null; }
        var before = errors.Count;

        if (!ReadingRules.IsValidName(item.Metric))
            errors.Add($"{at}.metric", $"required: 1-{ReadingRules.MaxNameLength} characters of letters, digits and _ . - : /");
        if (item.Instance is not null && !ReadingRules.IsValidInstance(item.Instance))
            errors.Add($"{at}.instance", $"at most {ReadingRules.MaxNameLength} characters, no control characters");
        var kind = item.Kind ?? MetricKind.Gauge;
        if (item.Value is not { } value || !double.IsFinite(value.Number))
            errors.Add($"{at}.value", "required: a finite number");
        else if (kind == MetricKind.Gauge && !ReadingRules.IsStorable(value.Number))
            errors.Add($"{at}.value", "a gauge is at most ±3.4e38 in magnitude");
        else if (kind != MetricKind.Gauge && !value.IsWholeUpTo(ReadingRules.MaxCounter(kind)))
            errors.Add($"{at}.value", $"a {SnakeCaseNames.Of(kind)} is a whole number from 0 to {ReadingRules.MaxCounter(kind)}");
        var timestamp = item.Timestamp ?? now;
        if (timestamp > now + maxFutureSkew)
            errors.Add($"{at}.timestamp", $"more than {maxFutureSkew.TotalMinutes:0} minutes in the future");
        if (timestamp < ReadingRules.Earliest)
            errors.Add($"{at}.timestamp", "before 1990");

        return errors.Count == before
            ? new Reading(item.Metric!, item.Instance, timestamp, item.Value!.Value.Number, kind)
            : null;
    }
}
