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

    public static DateTimeOffset? Time(string? text, string field, ValidationErrors errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        errors.Add(field, "must be an ISO 8601 time");
        return null;
    }

    /// <summary>A span such as "90s", "15m", "2h" or "1d".</summary>
    public static TimeSpan? Duration(string? text, string field, ValidationErrors errors)
    {
        if (text is null) return null;
        var unit = text.Length > 1 ? text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.Zero } : TimeSpan.Zero;
        if (unit > TimeSpan.Zero && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            return unit * count;
        errors.Add(field, "must be a positive number followed by s, m, h or d (for example 15m)");
        return null;
    }

    /// <summary>A "last" count (the newest N): <paramref name="fallback"/> when absent, 1 to <paramref name="max"/>.</summary>
    public static int Last(string? text, int fallback, int max, ValidationErrors errors)
    {
        var count = Int(text, "last", errors) ?? fallback;
        if (count < 1 || count > max) errors.Add("last", $"between 1 and {max}");
        return count;
    }
}
