using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// Every REST request that changed something (not a read, answered below 400) goes to the audit trail: who, with
/// which roles, the route, the path, the status (and where a created thing lives), the caller's address, and the
/// resource's changed fields before and after (as its GET shows it: no secrets). Never a body: secrets travel in
/// bodies. Data, not changes, are left out: telemetry posted to a device and prediction requests (they would fill the
/// trail with the data path's volume).
/// </summary>
public sealed class RestAudit(RequestDelegate next, AuditTrail audit, ResourceStates states)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.Path.StartsWithSegments("/api/v1") || IsData(request.Path) || IsPurge(request))
        {
            await next(context);
            return;
        }

        var before = await states.ReadAsync(request.Path.Value!);
        await next(context);
        if (context.Response.StatusCode >= 400) return;
        var actor = ApiPrincipal.ToActor(context.User);
        var route = ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value!).TrimEnd('/');
        var location = context.Response.Headers.Location.FirstOrDefault();
        var after = await states.ReadAsync(before is null && location is not null ? location : request.Path.Value!); // a created resource lives at its Location
        var summary = $"{context.Response.StatusCode}" + (location is null ? "" : $" {location}");
        await audit.RecordAsync(actor, "rest", $"{request.Method} {route}", request.Path.Value!, summary, context.Connection.RemoteIpAddress?.ToString(),
            AuditChange.Between(before, after));
    }

    /// <summary>A purge audits itself (what kinds, how many rows), and its before would be the deleted device.</summary>
    private static bool IsPurge(HttpRequest request) => HttpMethods.IsDelete(request.Method) && request.Path.StartsWithSegments("/api/v1/devices") && request.Query.ContainsKey("purge");

    private static bool IsData(PathString path) =>
        path.StartsWithSegments("/api/v1/predictions") || (path.StartsWithSegments("/api/v1/devices") && path.Value!.EndsWith("/telemetry", StringComparison.Ordinal));
}
