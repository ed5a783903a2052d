using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

public sealed record InvestigateBody(string? Notes);

public sealed record ResolveBody(AnomalyStatus? Resolution, string? Notes);

/// <summary>/api/v1/anomalies: the list (from the anomaly log), one anomaly, investigations and resolutions.</summary>
public static class AnomalyEndpoints
{
    private const int MaxNotes = 4000;
    private static readonly Dictionary<string, TimeSpan> TimeRanges = new(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromDays(1),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
    };

    public static void MapAnomalyEndpoints(this IEndpointRouteBuilder app)
    {
        var anomalies = app.MapGroup("/api/v1/anomalies");
        anomalies.MapGet("", List).Returns<Page<Anomaly>>().RequirePermission("anomaly:read");
        anomalies.MapGet("/{id}", (IGrainFactory grains, string id) => GrainErrors.Handle(async () => Results.Ok(await Existing(grains, id))))
            .Returns<Anomaly>().Problems(404).RequirePermission("anomaly:read");
        anomalies.MapPost("/{id}/investigate", Investigate).Takes<InvestigateBody>().Returns<Anomaly>(201).Problems(404, 409).RequirePermission("anomaly:write");
        anomalies.MapPost("/{id}/resolve", Resolve).Takes<ResolveBody>().Returns<Anomaly>().Problems(404, 409).RequirePermission("anomaly:write");
    }

    private static async Task<IResult> List(IAnomalyLog log, TimeProvider clock, string? severity, string? status,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "time_range")] string? timeRange, string? device, string? page, string? limit)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, limit, errors);
        var severityFilter = QueryValues.Enum<AnomalySeverity>(severity, "severity", errors);
        var statusFilter = QueryValues.Enum<AnomalyStatus>(status, "status", errors);
        if (timeRange is not null && !TimeRanges.ContainsKey(timeRange)) errors.Add("time_range", "one of 1h, 24h, 7d, 30d");
        if (errors.Any) return errors.ToResult();

        var since = timeRange is null ? (DateTimeOffset?)null : clock.GetUtcNow() - TimeRanges[timeRange];
        var (items, total) = await log.Query(new AnomalyQuery(severityFilter, statusFilter, since, device, paging.Page, paging.Limit));
        return Results.Ok(paging.Answer(items, total));
    }

    private static Task<IResult> Investigate(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<InvestigateBody>(request, cancellationToken, async body =>
        {
            if (body.Notes is { Length: > MaxNotes }) return ValidationErrors.Single("notes", $"at most {MaxNotes} characters");
            await Existing(grains, id);
            var anomaly = await grains.GetGrain<IAnomalyGrain>(id).Investigate(caller.Actor, body.Notes);
            return Results.Created($"/api/v1/anomalies/{id}", anomaly);
        });

    private static Task<IResult> Resolve(IGrainFactory grains, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<ResolveBody>(request, cancellationToken, async body =>
        {
            if (body.Resolution is not (null or AnomalyStatus.Resolved or AnomalyStatus.FalsePositive))
                return ValidationErrors.Single("resolution", "resolved or false_positive");
            if (body.Notes is { Length: > MaxNotes }) return ValidationErrors.Single("notes", $"at most {MaxNotes} characters");
            await Existing(grains, id);
            return Results.Ok(await grains.GetGrain<IAnomalyGrain>(id).Resolve(caller.Actor, body.Resolution ?? AnomalyStatus.Resolved, body.Notes));
        });

    private static async Task<Anomaly> Existing(IGrainFactory grains, string id) =>
        (ResourceNames.IsValid(id) ? await grains.GetGrain<IAnomalyGrain>(id).Get() : null) ?? throw new KeyNotFoundException($"no anomaly {id}");
}
