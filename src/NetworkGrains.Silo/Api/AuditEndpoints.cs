using NetworkGrains.Abstractions.Security;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>GET /api/v1/audit?actor=&amp;source=rest|console|chatops|rule|workflow&amp;action=&amp;since=24h&amp;page=&amp;limit=: the audit trail, newest first (audit:read).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", async (IAuditLog audit, TimeProvider clock, string? actor, string? source, string? action, string? since, string? page, string? limit,
            CancellationToken cancellationToken) =>
        {
            var errors = new ValidationErrors();
            var (query, paging) = AuditListRequest.Read(actor, source, action, since, page, limit, clock.GetUtcNow(), errors);
            errors.ThrowIfAny();
            var (items, total) = await audit.Query(query, cancellationToken);
            return TypedResults.Ok(paging.Answer(items, total));
        }).RequirePermission(Permissions.AuditRead);
}
