using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace NetworkGrains.Silo.Security;

/// <summary>A validated token's claims, and the provider's metadata it was checked against (for checks of its own, such as key endorsements).</summary>
public sealed record OpenIdToken(TokenValidationResult Result, OpenIdConnectConfiguration Metadata);

/// <summary>
/// Bearer JWTs checked against an OpenID provider: signed by a key from its metadata document (fetched and
/// refreshed by the configuration manager; https unless the URL says http, as on loopback in the tests), with the
/// given issuer and audience, within its lifetime give or take the clock skew.
/// </summary>
public sealed class OpenIdTokens(string metadataUrl)
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata = new(metadataUrl, new OpenIdConnectConfigurationRetriever(),
        new HttpDocumentRetriever { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });
    private readonly JsonWebTokenHandler _tokens = new();

    /// <summary>The token, or why it was refused (for the log; callers answer 401).</summary>
    public async Task<(OpenIdToken? Token, string? Refusal)> ValidateAsync(string token, string? issuer, string? audience, TimeSpan clockSkew, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return (null, "the OpenID metadata could not be read: " + ex.Message);
        }

        var result = await _tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = metadata.SigningKeys,
            ClockSkew = clockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        return result.IsValid ? (new OpenIdToken(result, metadata), null) : (null, result.Exception?.GetType().Name ?? "invalid token");
    }
}
