using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui.Security;

public enum SignInOutcome
{
    SignedIn,
    Refused,
    Throttled,
}

/// <summary>
/// Console sessions: sign-in exchanges an API key or a JWT for the session cookie (<see cref="ConsoleAuthentication"/>);
/// each request re-reads the key behind a cookie (one indexed read, as an API key costs on every REST request, no
/// cache): a revoked key's session ends at its next request, and a key's changed roles count at once. A JWT's
/// session ends when the token expires. Wrong credentials count against the address as REST's do.
/// </summary>
public sealed class ConsoleSessions(IServiceProvider services, FailedAuthentications failures, AuditTrail audit, TimeProvider clock)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext context, string? credential)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!failures.MayTry(address)) return SignInOutcome.Throttled;
        var verified = string.IsNullOrWhiteSpace(credential) ? null : await Credentials.VerifyAsync(services, credential.Trim(), context.RequestAborted);
        if (verified is null)
        {
            failures.Count(address);
            return SignInOutcome.Refused;
        }

        var lifetime = clock.GetUtcNow() + ConsoleAuthentication.SessionLifetime;
        await context.SignInAsync(ConsoleAuthentication.CookieScheme, Principal(verified.Actor, verified.KeyId),
            new AuthenticationProperties { ExpiresUtc = verified.Expires is { } until && until < lifetime ? until : lifetime, AllowRefresh = false });
        await audit.RecordAsync(verified.Actor, "console", "sign-in", ConsoleAuthentication.SignInPath,
            verified.KeyId is null ? "signed in with a token" : $"signed in with key {verified.KeyId}", address?.ToString());
        return SignInOutcome.SignedIn;
    }

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(ConsoleAuthentication.KeyIdClaim)?.Value is not { } keyId) return;
        var key = await services.GetRequiredService<ApiKeys>().FindActiveAsync(keyId, context.HttpContext.RequestAborted);
        if (key is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return;
        }

        var roles = context.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.SetEquals(key.Roles)) return;
        context.ReplacePrincipal(Principal(Credentials.ActorOf(key), keyId));
        context.ShouldRenew = true;
    }

    private static ClaimsPrincipal Principal(Actor actor, string? keyId)
    {
        var principal = ApiPrincipal.From(actor, ConsoleAuthentication.CookieScheme);
        if (keyId is not null) ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ConsoleAuthentication.KeyIdClaim, keyId));
        return principal;
    }
}
