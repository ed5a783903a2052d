using Microsoft.IdentityModel.JsonWebTokens;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Security;

/// <summary>Who a valid credential is: the actor, the API key's id (null for a JWT), and when it expires (null: until revoked).</summary>
public sealed record VerifiedCredential(Actor Actor, string? KeyId, DateTimeOffset? Expires);

/// <summary>An API key ("ngk_..."), else a JWT from the configured identity provider: what REST requests and console sign-in accept.</summary>
public static class Credentials
{
    public static async Task<VerifiedCredential?> VerifyAsync(IServiceProvider services, string presented, CancellationToken cancellationToken)
    {
        if (presented.StartsWith("ngk_", StringComparison.Ordinal))
            return await services.GetRequiredService<ApiKeys>().VerifyAsync(presented, cancellationToken) is { } key
                ? new VerifiedCredential(ActorOf(key), key.Id, null)
                : null;
        return await services.GetRequiredService<JwtCallers>().VerifyAsync(presented, cancellationToken) is { } caller
            ? new VerifiedCredential(caller, null, new DateTimeOffset(new JsonWebToken(presented).ValidTo, TimeSpan.Zero))
            : null;
    }

    /// <summary>The actor an API key acts as: "key:{name}" with its roles.</summary>
    public static Actor ActorOf(ApiKeyInfo key) => new($"key:{key.Name}", key.Roles);
}
