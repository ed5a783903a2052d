using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

public sealed record InvestigateBody(string? Notes);

public sealed record ResolveBody(AnomalyStatus? Resolution, string? Notes);

/// <summary>/api/v1/anomalies: the list (from the anomaly log), one anomaly, investigations and resolutions.</summary>
public static class AnomalyEndpoints
{
    public static void MapAnomalyEndpoints(this IEndpointRouteBuilder app)
    {
        var anomalies = app.MapGroup("/api/v1/anomalies");
        anomalies.MapGet("", List).RequirePermission(Permissions.AnomalyRead);
        anomalies.MapGet("/{id}", async (AnomalyCommands anomalies, string id) => TypedResults.Ok(await anomalies.Existing(id)))
            .Problems(404).RequirePermission(Permissions.AnomalyRead);
        anomalies.MapPost("/{id}/investigate", Investigate).Takes<InvestigateBody>().Problems(404, 409).RequirePermission(Permissions.AnomalyWrite);
        anomalies.MapPost("/{id}/resolve", Resolve).Takes<ResolveBody>().Problems(404, 409).RequirePermission(Permissions.AnomalyWrite);
    }

    private static async Task<Ok<Page<Anomaly>>> List(IAnomalyLog log, TimeProvider clock, string? severity, string? status,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "time_range")] string? timeRange, string? device, string? page, string? limit)
    {
        var errors = new ValidationErrors();
        var (query, paging) = AnomalyListRequest.Read(severity, status, timeRange, device, page, limit, clock.GetUtcNow(), errors);
        errors.ThrowIfAny();
        var (items, total) = await log.Query(query);
        return TypedResults.Ok(paging.Answer(items, total));
    }

    private static Task<Results<Created<Anomaly>, ProblemHttpResult>> Investigate(AnomalyCommands anomalies, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<InvestigateBody, Created<Anomaly>>(request, cancellationToken, async body =>
            TypedResults.Created($"/api/v1/anomalies/{id}", await anomalies.Investigate(caller.Actor, id, body.Notes)));

    private static Task<Results<Ok<Anomaly>, ProblemHttpResult>> Resolve(AnomalyCommands anomalies, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<ResolveBody, Ok<Anomaly>>(request, cancellationToken, async body => TypedResults.Ok(await anomalies.Resolve(caller.Actor, id, body.Resolution, body.Notes)));
}
