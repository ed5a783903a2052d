using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>GET /api/v1/audit?actor=&amp;source=rest|chatops|rule|workflow&amp;action=&amp;since=24h&amp;page=&amp;limit=: the audit trail, newest first (audit:read).</summary>
public static class AuditEndpoints
{
    private static readonly string[] Sources = ["rest", "chatops", "rule", "workflow"];
    private static readonly TimeSpan MaxSince = TimeSpan.FromDays(3650);

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", async (IAuditLog audit, TimeProvider clock, string? actor, string? source, string? action, string? since, string? page, string? limit,
            CancellationToken cancellationToken) =>
        {
            var errors = new ValidationErrors();
            var paging = PageRequest.Read(page, limit, errors);
            var window = QueryValues.Duration(since, "since", MaxSince, errors);
            if (source is not null && !Sources.Contains(source)) errors.Add("source", string.Join(", ", Sources));
            if (actor is { Length: > 200 } || action is { Length: > 200 }) errors.Add("actor", "at most 200 characters");
            if (errors.Any) return errors.ToResult();
            var (items, total) = await audit.Query(new AuditQuery(actor, source, action, window is { } w ? clock.GetUtcNow() - w : null, paging.Page, paging.Limit), cancellationToken);
            return Results.Ok(paging.Answer(items, total));
        }).Returns<Page<AuditEntry>>().RequirePermission("audit:read");
}
