using Microsoft.AspNetCore.Authorization;

namespace NetworkGrains.Silo.Security;

/// <summary>The permission an endpoint needs, kept on the endpoint itself: routing finds the endpoint, whatever the path's spelling, and its policy comes with it.</summary>
public static class EndpointPermissions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder endpoint, string permission) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(Policy(permission)).WithMetadata(new RequiredPermission(permission));

    public static AuthorizationPolicy Policy(PermissionRequirement requirement) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(requirement).Build();

    private static AuthorizationPolicy Policy(string permission) => Policy(new PermissionRequirement(permission));
}

/// <summary>Endpoint metadata: the permission its policy asks for (the OpenAPI document shows it as x-permission).</summary>
public sealed record RequiredPermission(string Permission);
