using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Silo.Api;

/// <summary>The anomaly list's filters as query strings (GET /api/v1/anomalies and the console's inbox): each bad one named with its reason.</summary>
public static class AnomalyListRequest
{
    private static readonly Dictionary<string, TimeSpan> TimeRanges = new(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromDays(1),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
    };

    public static IEnumerable<string> TimeRangeNames => TimeRanges.Keys;

    public static (AnomalyQuery Query, PageRequest Paging) Read(
        string? severity, string? status, string? timeRange, string? device, string? page, string? limit, DateTimeOffset now, ValidationErrors errors)
    {
        var paging = PageRequest.Read(page, limit, errors);
        var severityFilter = QueryValues.Enum<AnomalySeverity>(severity, "severity", errors);
        var statusFilter = QueryValues.Enum<AnomalyStatus>(status, "status", errors);
        if (timeRange is not null && !TimeRanges.ContainsKey(timeRange)) errors.Add("time_range", "one of 1h, 24h, 7d, 30d");
        var since = timeRange is not null && TimeRanges.TryGetValue(timeRange, out var span) ? now - span : (DateTimeOffset?)null;
        return (new AnomalyQuery(severityFilter, statusFilter, since, device, paging.Page, paging.Limit), paging);
    }
}
