using System.Security.Claims;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui;

/// <summary>Who uses the console and what they may do: pages offer only the controls <see cref="Can"/> allows (the action endpoints check again).</summary>
public sealed record ConsoleUser(Actor Actor, bool SignedIn)
{
    public static ConsoleUser From(ClaimsPrincipal principal) =>
        new(ApiPrincipal.ToActor(principal), principal.Identity?.AuthenticationType == Security.ConsoleAuthentication.CookieScheme);

    public bool Can(string permission) => Permissions.Allows(Actor.Roles, permission);
}
