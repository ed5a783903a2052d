using System.Text.Json;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// REST callers with a bearer JWT from the configured identity provider: signed by a key from its metadata,
/// issuer and audience as configured, within its lifetime. The caller is "jwt:{sub}" with the roles of the roles claim.
/// </summary>
public sealed class JwtCallers
{
    private readonly JwtOptions _options;
    private readonly OpenIdTokens? _tokens;

    public JwtCallers(IOptions<ApiSecurityOptions> options)
    {
        _options = options.Value.Jwt;
        if (_options.MetadataUrl is { Length: > 0 } url) _tokens = new OpenIdTokens(url);
    }

    /// <summary>The caller if the token is valid; null otherwise (or when no provider is configured).</summary>
    public async Task<Actor?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (_tokens is null) return null;
        var (valid, _) = await _tokens.ValidateAsync(token, _options.Issuer, _options.Audience, _options.ClockSkew, cancellationToken);
        if (valid is null) return null;
        var claims = valid.Result.Claims;
        var subject = claims.TryGetValue("sub", out var sub) ? sub as string : null;
        return new Actor($"jwt:{subject ?? "unknown"}", Roles(claims.TryGetValue(_options.RolesClaim, out var roles) ? roles : null));
    }

    private static string[] Roles(object? claim) => claim switch
    {
        string text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.GetString()).OfType<string>()],
        IEnumerable<object> items => [.. items.Select(i => i.ToString()).OfType<string>()],
        _ => [],
    };
}
