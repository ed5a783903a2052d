using Microsoft.AspNetCore.Authorization;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Silo.Security;

/// <summary>An endpoint's permission ("device:read"), met when one of the caller's roles grants it (<see cref="Permissions"/>).</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement
{
    /// <summary>What a request that no endpoint claims needs: only a role granting everything ("*") has it.</summary>
    public static readonly PermissionRequirement Unmapped = new("admin:unmapped");
}

public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (Permissions.Allows(ApiPrincipal.ToActor(context.User).Roles, requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
