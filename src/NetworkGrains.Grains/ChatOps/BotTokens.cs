using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>
/// The bot's outbound token (OAuth client credentials for Teams:AppId/AppPassword), kept until a minute before it
/// expires. No app id, no token: the Agents Playground's connector takes calls without one.
/// </summary>
public sealed class BotTokens(HttpClient http, IOptions<TeamsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppPassword)) return null;
        if (_current is { } cached && cached.ExpiresAt - Margin > clock.GetUtcNow()) return cached.Token;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && fresh.ExpiresAt - Margin > clock.GetUtcNow()) return fresh.Token;
            using var response = await http.PostAsync(settings.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId,
                ["client_secret"] = settings.AppPassword,
                ["scope"] = settings.TokenScope,
            }), cancellationToken);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the token endpoint answered {(int)response.StatusCode}");
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                        ?? throw new HttpRequestException("the token endpoint answered no token");
            _current = (token.AccessToken, clock.GetUtcNow().AddSeconds(token.ExpiresIn));
            return token.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
