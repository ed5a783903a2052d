using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>The actor a REST request acts as (its API key's name and roles, or Api:Actor with security off), bound as an endpoint parameter.</summary>
public sealed record ApiCaller(Actor Actor)
{
    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ApiCaller?>(new ApiCaller(ApiPrincipal.ToActor(context.User)));

    /// <summary>For the checks a route alone cannot make (deploying to production): UnauthorizedAccessException (403) without it.</summary>
    public void Require(string permission)
    {
        if (!Permissions.Allows(Actor.Roles, permission))
            throw new UnauthorizedAccessException($"{permission} is needed (roles: {string.Join(", ", Permissions.RolesWith(permission))})");
    }
}
