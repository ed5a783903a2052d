using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// REST callers with a bearer JWT from the configured identity provider: signed by a key from its metadata,
/// issuer and audience as configured, within its lifetime. The caller is "jwt:{sub}" with the roles of the roles claim.
/// </summary>
public sealed class JwtCallers
{
    private readonly JwtOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;
    private readonly JsonWebTokenHandler _tokens = new();

    public JwtCallers(IOptions<ApiSecurityOptions> options)
    {
        _options = options.Value.Jwt;
        if (_options.MetadataUrl is { Length: > 0 } url)
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });
    }

    public bool Enabled => _metadata is not null;

    /// <summary>The caller if the token is valid; null otherwise.</summary>
    public async Task<Actor?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (_metadata is null) return null;
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var result = await _tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = metadata.SigningKeys,
            ClockSkew = _options.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        if (!result.IsValid) return null;
        var subject = result.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
        return new Actor($"jwt:{subject ?? "unknown"}", Roles(result.Claims.TryGetValue(_options.RolesClaim, out var roles) ? roles : null));
    }

    private static string[] Roles(object? claim) => claim switch
    {
        string text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.GetString()).OfType<string>()],
        IEnumerable<object> items => [.. items.Select(i => i.ToString()).OfType<string>()],
        _ => [],
    };
}
