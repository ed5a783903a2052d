using NetworkGrains.Abstractions.Security;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui;

/// <summary>Endpoint metadata of a console action: the REST resource it changes ("/api/v1/anomalies/{id}"), whose state the trail compares before and after.</summary>
public sealed record AuditedResource(string Template)
{
    public string Resolve(HttpContext context) =>
        context.Request.RouteValues.Aggregate(Template, (path, value) => path.Replace($"{{{value.Key}}}", value.Value?.ToString(), StringComparison.Ordinal));
}

/// <summary>
/// Console actions in the audit trail, as REST's changes are (<see cref="RestAudit"/>): who, with which roles, the
/// action, the resource and its changed fields, the caller's address. It wraps authorization, so a request for an
/// action the user's roles lack (a control the page did not offer, forged) is recorded too, as refused.
/// </summary>
public sealed class ConsoleAudit(RequestDelegate next, AuditTrail audit, ResourceStates states)
{
    public const string Source = "console";
    private const string CreatedItem = "ng.console.created";

    /// <summary>Where the resource an action created lives: the trail records it as the target, with its fields after.</summary>
    public static void Created(HttpContext context, string resource) => context.Items[CreatedItem] = resource;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<AuditedResource>() is not { } resource)
        {
            await next(context);
            return;
        }

        var target = resource.Resolve(context);
        var before = await states.ReadAsync(target);
        await next(context);
        var status = context.Response.StatusCode;
        if (status >= 400 && status != StatusCodes.Status403Forbidden) return;
        var actor = ApiPrincipal.ToActor(context.User);
        var route = ((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value!).TrimEnd('/');
        var remote = context.Connection.RemoteIpAddress?.ToString();
        if (status == StatusCodes.Status403Forbidden)
        {
            var permission = context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>()?.Permission;
            var why = permission is not null && !Permissions.Allows(actor.Roles, permission) ? $"{permission} is needed" : "the use case refused this actor";
            await audit.RecordAsync(actor, Source, $"refused POST {route}", target, $"403: {why}", remote);
            return;
        }

        if (context.Items[CreatedItem] is string created) target = created;
        await audit.RecordAsync(actor, Source, $"POST {route}", target, $"{status}", remote, AuditChange.Between(before, await states.ReadAsync(target)));
    }
}
