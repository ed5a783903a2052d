using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>
/// Checks that an activity comes from the Bot Framework channel service: a bearer JWT signed by a key from the
/// configured OpenID metadata (refreshed by the configuration manager), issuer Teams:Issuer, audience the bot's app
/// id, within its lifetime (Teams:ClockSkew), signed by a key that endorses the activity's channel, and with a
/// serviceurl claim equal to the activity's serviceUrl. Teams:DisableAuthentication skips all of it (local development).
/// </summary>
public sealed partial class BotAuthenticator
{
    private readonly TeamsOptions _options;
    private readonly OpenIdTokens? _tokens;

    public BotAuthenticator(IOptions<TeamsOptions> options, ILogger<BotAuthenticator> logger)
    {
        _options = options.Value;
        if (_options.DisableAuthentication) LogDisabled(logger);
        else _tokens = new OpenIdTokens(_options.OpenIdMetadataUrl);
    }

    /// <summary>Null when the request may act; otherwise why not (for the log: the caller only gets 401).</summary>
    public async Task<string?> RefusalAsync(string? authorization, BotActivity activity, CancellationToken cancellationToken)
    {
        if (_tokens is null) return null;
        if (string.IsNullOrEmpty(_options.AppId)) return "Teams:AppId is not configured";
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return "no bearer token";
        var (token, refusal) = await _tokens.ValidateAsync(authorization["Bearer ".Length..].Trim(), _options.Issuer, _options.AppId, _options.ClockSkew, cancellationToken);
        if (token is null) return refusal;

        var keyId = token.Result.SecurityToken is JsonWebToken jwt ? jwt.Kid : null;
        var key = token.Metadata.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !Endorses(key, activity.ChannelId)) return $"the signing key does not endorse channel {activity.ChannelId}";
        var serviceUrl = token.Result.Claims.TryGetValue("serviceurl", out var claimed) ? claimed as string : null;
        return SameUrl(serviceUrl, activity.ServiceUrl) ? null : "the serviceurl claim is not the activity's serviceUrl";
    }

    private static bool Endorses(JsonWebKey key, string? channelId)
    {
        if (channelId is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements)) return false;
        var names = endorsements is JsonElement { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.GetString())
            : JsonSerializer.Deserialize<string[]>(JsonSerializer.Serialize(endorsements)) ?? [];
        return names.Contains(channelId, StringComparer.OrdinalIgnoreCase);
    }

    private static bool SameUrl(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams:DisableAuthentication is set: /api/messages accepts activities without checking who sent them. For local development only.")]
    private static partial void LogDisabled(ILogger logger);
}
