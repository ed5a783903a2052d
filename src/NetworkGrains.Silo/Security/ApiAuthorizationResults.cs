using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Security;

/// <summary>A refusal says which permission was missing and which roles grant it (403, problem+json); challenges go to the API key handler (401).</summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorization)
    {
        if (!authorization.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorization);
            return;
        }

        var missing = authorization.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault() ?? PermissionRequirement.Unmapped;
        var roles = ApiPrincipal.ToActor(context.User).Roles;
        var detail = missing == PermissionRequirement.Unmapped
            ? "no endpoint here grants this request to your roles"
            : $"{missing.Permission} is needed (roles: {string.Join(", ", Permissions.RolesWith(missing.Permission))}); this key has {string.Join(", ", roles)}";
        await ApiProblems.ToResult(new ForbiddenProblem(detail)).ExecuteAsync(context);
    }
}
