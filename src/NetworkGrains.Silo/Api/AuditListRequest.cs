using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Silo.Api;

/// <summary>The audit trail's filters as query strings (GET /api/v1/audit and the console's audit page): each bad one named with its reason.</summary>
public static class AuditListRequest
{
    public static readonly string[] Sources = ["rest", "console", "chatops", "rule", "workflow"];
    private static readonly TimeSpan MaxSince = TimeSpan.FromDays(3650);

    public static (AuditQuery Query, PageRequest Paging) Read(
        string? actor, string? source, string? action, string? since, string? page, string? limit, DateTimeOffset now, ValidationErrors errors)
    {
        var paging = PageRequest.Read(page, limit, errors);
        var window = QueryValues.Duration(since, "since", MaxSince, errors);
        if (source is not null && !Sources.Contains(source)) errors.Add("source", string.Join(", ", Sources));
        if (actor is { Length: > 200 } || action is { Length: > 200 }) errors.Add("actor", "at most 200 characters");
        return (new AuditQuery(actor, source, action, window is { } w ? now - w : null, paging.Page, paging.Limit), paging);
    }
}
