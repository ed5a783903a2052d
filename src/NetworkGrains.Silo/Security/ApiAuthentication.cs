using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// Who a REST request acts as, and whether it may: the API key in "Authorization: Bearer ngk_..." or "X-API-Key",
/// or a bearer JWT from the configured identity provider (401 without a valid one), then the permission its route needs (<see cref="RoutePermissions"/>; 403 without
/// it). With security off (the default profile), every caller is the configured Api:Actor.
/// </summary>
public sealed class ApiAuthentication(RequestDelegate next, IOptions<ApiActorOptions> anonymous, bool enabled)
{
    public const string CallerItem = "ng.caller";

    public async Task InvokeAsync(HttpContext context, IServiceProvider services)
    {
        var permission = RoutePermissions.For(context.Request.Method, context.Request.Path.Value ?? "/");
        if (!enabled)
        {
            context.Items[CallerItem] = anonymous.Value.ToActor();
            await next(context);
            return;
        }

        if (permission is null)
        {
            await next(context);
            return;
        }

        var presented = context.Request.Headers["X-API-Key"].FirstOrDefault()
                        ?? (context.Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                            ? header["Bearer ".Length..].Trim() : null);
        var actor = presented is null ? null : await Verify(presented, services, context.RequestAborted);
        if (actor is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: presented is null ? "an API key (Authorization: Bearer ngk_...) or a bearer token is required" : "the key or token is not valid, expired or was revoked")
                .ExecuteAsync(context);
            return;
        }

        context.Items[CallerItem] = actor;
        if (!Permissions.Allows(actor.Roles, permission))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"{permission} is needed (roles: {string.Join(", ", Permissions.RolesWith(permission))}); this key has {string.Join(", ", actor.Roles)}").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>An API key ("ngk_..."), else a JWT from the configured identity provider.</summary>
    private static async Task<Actor?> Verify(string presented, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (presented.StartsWith("ngk_", StringComparison.Ordinal))
            return await services.GetRequiredService<ApiKeys>().VerifyAsync(presented, cancellationToken) is { } key ? new Actor($"key:{key.Name}", key.Roles) : null;
        return await services.GetRequiredService<JwtCallers>().VerifyAsync(presented, cancellationToken);
    }
}
