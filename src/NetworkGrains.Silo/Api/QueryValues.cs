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

    public static DateTimeOffset? Time(string? text, string field, ValidationErrors errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        errors.Add(field, "must be an ISO 8601 time");
        return null;
    }
}
