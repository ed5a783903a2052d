using Microsoft.AspNetCore.Authorization;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Silo.Security;

/// <summary>The permission an endpoint needs, kept on the endpoint itself: routing finds the endpoint, whatever the path's spelling, and its policy comes with it.</summary>
public static class EndpointPermissions
{
    /// <summary>One of <see cref="Permissions"/>' constants: a name it does not know stops the silo at start rather than locking the route to admins.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder endpoint, string permission) where TBuilder : IEndpointConventionBuilder =>
        Permissions.Known.Contains(permission)
            ? endpoint.RequireAuthorization(Policy(permission)).WithMetadata(new RequiredPermission(permission))
            : throw new ArgumentException($"{permission} is not one of the permissions (Permissions.Known)", nameof(permission));

    public static AuthorizationPolicy Policy(PermissionRequirement requirement) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(requirement).Build();

    private static AuthorizationPolicy Policy(string permission) => Policy(new PermissionRequirement(permission));
}

/// <summary>Endpoint metadata: the permission its policy asks for (the OpenAPI document shows it as x-permission).</summary>
public sealed record RequiredPermission(string Permission);
