using Microsoft.AspNetCore.Authorization;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui.Security;

/// <summary>
/// The permission a console page needs (`@attribute [Permission("device:read")]`): the same requirement REST endpoints
/// declare with RequirePermission, as endpoint metadata, so the page is not left to the deny-by-default fallback.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PermissionAttribute(string permission) : Attribute, IAuthorizeData, IAuthorizationRequirementData
{
    public string Permission { get; } = permission;

    // IAuthorizeData with nothing set: an authenticated user (the default policy), plus the permission below.
    public string? Policy { get; set; }

    public string? Roles { get; set; }

    public string? AuthenticationSchemes { get; set; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PermissionRequirement(Permission)];
}
