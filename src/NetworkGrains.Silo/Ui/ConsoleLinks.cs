using Microsoft.AspNetCore.WebUtilities;

namespace NetworkGrains.Silo.Ui;

/// <summary>Console URLs: a path with query values (empty ones left out), and times as pages show them.</summary>
public static class ConsoleLinks
{
    public static string With(string path, IReadOnlyDictionary<string, string?> query, params (string Name, string? Value)[] changes)
    {
        var values = query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value);
        foreach (var (name, value) in changes) values[name] = value;
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>A series as people read it: "ifHCInOctets[1]", or the metric alone.</summary>
    public static string Series(string metric, string? instance) => instance is null ? metric : $"{metric}[{instance}]";

    public static string Device(string id) => $"/ui/devices/{Uri.EscapeDataString(id)}";

    public static string Anomaly(string id) => $"/ui/anomalies/{Uri.EscapeDataString(id)}";

    /// <summary>"12 s ago", "5 min ago", "3 h ago", else the UTC time.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age < TimeSpan.Zero ? Time(at)
            : age < TimeSpan.FromMinutes(1) ? $"{age.TotalSeconds:0} s ago"
            : age < TimeSpan.FromHours(1) ? $"{age.TotalMinutes:0} min ago"
            : age < TimeSpan.FromDays(1) ? $"{age.TotalHours:0} h ago"
            : Time(at);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
