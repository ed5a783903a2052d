using NetworkGrains.Abstractions;
using System.Globalization;

namespace NetworkGrains.Silo.Api;

/// <summary>Query-string values parsed by hand, so a bad one is reported with its name and the reason.</summary>
public static class QueryValues
{
    public static int? Int(string? text, string field, ValidationErrors errors)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, "must be an integer");
        return null;
    }

    /// <summary>An enum value spelt in snake_case (severity=high); anything else is an error listing the values.</summary>
    public static TEnum? Enum<TEnum>(string? text, string field, ValidationErrors errors) where TEnum : struct, System.Enum
    {
        if (text is null) return null;
        if (SnakeCaseNames.Parse<TEnum>(text) is { } value) return value;
        errors.Add(field, "one of " + string.Join(", ", System.Enum.GetValues<TEnum>().Select(SnakeCaseNames.Of)));
        return null;
    }

    /// <summary>Times from 1970 to 9998: a window computed from one (to - 1h, from + 31d) stays a valid time.</summary>
    public static readonly DateTimeOffset EarliestTime = DateTimeOffset.UnixEpoch;
    public static readonly DateTimeOffset LatestTime = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? Time(string? text, string field, ValidationErrors errors)
    {
        if (text is null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) errors.Add(field, "must be an ISO 8601 time");
        else if (value < EarliestTime || value >= LatestTime) errors.Add(field, "must be between 1970 and 9998");
        else return value;
        return null;
    }

    /// <summary>
    /// A span such as "90s", "15m", "2h" or "1d", from one second to <paramref name="max"/>; the count is checked
    /// against <paramref name="max"/> before it is multiplied, so no count overflows.
    /// </summary>
    public static TimeSpan? Duration(string? text, string field, TimeSpan max, ValidationErrors errors)
    {
        if (text is null) return null;
        var unit = text.Length > 1 ? text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.Zero } : TimeSpan.Zero;
        var digits = text.AsSpan(0, Math.Max(text.Length - 1, 0));
        if (unit == TimeSpan.Zero || digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9') || digits.TrimStart('0').IsEmpty)
            errors.Add(field, "must be a positive number followed by s, m, h or d (for example 15m)");
        else if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > max.Ticks / unit.Ticks)
            errors.Add(field, "at most " + Spell(max));
        else return TimeSpan.FromTicks(unit.Ticks * count);
        return null;
    }

    /// <summary>A span as <see cref="Duration"/> reads it: in its largest whole unit.</summary>
    public static string Spell(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0}h"
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{span.TotalMinutes:0}m"
        : $"{span.TotalSeconds:0}s";

    /// <summary>A "last" count (the newest N): <paramref name="fallback"/> when absent, 1 to <paramref name="max"/>.</summary>
    public static int Last(string? text, int fallback, int max, ValidationErrors errors)
    {
        var count = Int(text, "last", errors) ?? fallback;
        if (count < 1 || count > max) errors.Add("last", $"between 1 and {max}");
        return count;
    }
}
