using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// Every REST request that changed something (not a read, answered below 400) goes to the audit trail: who, with
/// which roles, the route, the path, the status (and where a created thing lives), and the caller's address.
/// Never a body: secrets travel in bodies. Data, not changes, are left out: telemetry posted to a device and
/// prediction requests (they would fill the trail with the data path's volume).
/// </summary>
public sealed class RestAudit(RequestDelegate next, AuditTrail audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || context.Response.StatusCode >= 400) return;
        if (!request.Path.StartsWithSegments("/api/v1") || IsData(request.Path)) return;
        var actor = context.Items[ApiAuthentication.CallerItem] as Actor ?? new Actor("anonymous", []);
        var route = ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value!).TrimEnd('/');
        var summary = $"{context.Response.StatusCode}" + (context.Response.Headers.Location.FirstOrDefault() is { } location ? $" {location}" : "");
        await audit.RecordAsync(actor, "rest", $"{request.Method} {route}", request.Path.Value!, summary, context.Connection.RemoteIpAddress?.ToString());
    }

    private static bool IsData(PathString path) =>
        path.StartsWithSegments("/api/v1/predictions") || (path.StartsWithSegments("/api/v1/devices") && path.Value!.EndsWith("/telemetry", StringComparison.Ordinal));
}
