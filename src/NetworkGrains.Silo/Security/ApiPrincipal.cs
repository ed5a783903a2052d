using System.Security.Claims;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Security;

/// <summary>An API caller as ASP.NET Core sees it: the actor's id as the name, its roles as role claims.</summary>
public static class ApiPrincipal
{
    public static ClaimsPrincipal From(Actor actor, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, actor.Id), .. actor.Roles.Select(role => new Claim(ClaimTypes.Role, role))], scheme));

    /// <summary>The actor of an authenticated request; "anonymous" without roles otherwise.</summary>
    public static Actor ToActor(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name }
            ? new Actor(name, [.. user.FindAll(ClaimTypes.Role).Select(claim => claim.Value)])
            : new Actor("anonymous", []);
}
