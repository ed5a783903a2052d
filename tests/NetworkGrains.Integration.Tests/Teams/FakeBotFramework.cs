using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NetworkGrains.Grains.Tests.Automation;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>
/// The Bot Framework's services on loopback: an OpenID metadata document and JWKS (key "msteams-key" endorses
/// msteams, "webchat-key" only webchat), a client-credentials token endpoint, and a Bot Connector that records
/// what the bot sends. It also signs the tokens a channel would send (and, with claims, those of any identity provider).
/// </summary>
public sealed class FakeBotFramework : IDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string OutboundToken = "outbound-token-for-tests";
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, RSA> _keys = new() { ["msteams-key"] = RSA.Create(2048), ["webchat-key"] = RSA.Create(2048) };

    public FakeBotFramework()
    {
        Url = $"http://127.0.0.1:{SiloProcess.FreePort()}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(() => HttpListenerLoop.ServeAsync(_listener, HandleAsync));
    }

    public string Url { get; }

    public string MetadataUrl => Url + "/openid";

    public string TokenUrl => Url + "/token";

    public string ServiceUrl => Url + "/connector";

    public int TokenRequests;

    public ConcurrentQueue<(string Path, string? Authorization, JsonNode Body)> Sent { get; } = new();

    /// <summary>The connector answers this many calls with 429 and Retry-After: 1 before it takes one (a throttled channel).</summary>
    public int Throttle;

    public int Throttled;

    public string Sign(string audience, string serviceUrl, string issuer = Issuer, string key = "msteams-key", TimeSpan? expiresIn = null,
        Dictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-20),
            NotBefore = expires.AddMinutes(-20),
            Expires = expires,
            Claims = new Dictionary<string, object>(claims ?? []) { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_keys[key]) { KeyId = key }, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task HandleAsync(HttpListenerContext context, byte[] request)
    {
        var path = context.Request.Url!.AbsolutePath;
        var body = Encoding.UTF8.GetString(request);
        if (path.StartsWith("/connector/", StringComparison.Ordinal) && Interlocked.Decrement(ref Throttle) >= 0)
        {
            Interlocked.Increment(ref Throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers["Retry-After"] = "1";
            context.Response.Close();
            return;
        }

        var answer = path switch
        {
            "/openid" => new JsonObject { ["issuer"] = Issuer, ["jwks_uri"] = Url + "/jwks", ["id_token_signing_alg_values_supported"] = new JsonArray("RS256") },
            "/jwks" => new JsonObject { ["keys"] = new JsonArray(Jwk("msteams-key", "msteams"), Jwk("webchat-key", "webchat")) },
            "/token" => Token(body),
            _ when path.StartsWith("/connector/", StringComparison.Ordinal) => Record(path, context.Request.Headers["Authorization"], body),
            _ => null,
        };
        context.Response.StatusCode = answer is null ? 404 : 200;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(answer.ToJsonString()));
        }

        context.Response.Close();
    }

    private JsonObject Jwk(string kid, string channel)
    {
        var parameters = _keys[kid].ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(channel),
        };
    }

    private JsonObject? Token(string form)
    {
        Interlocked.Increment(ref TokenRequests);
        return form.Contains("grant_type=client_credentials", StringComparison.Ordinal)
            ? new JsonObject { ["access_token"] = OutboundToken, ["expires_in"] = 3600, ["token_type"] = "Bearer" }
            : null;
    }

    private JsonObject Record(string path, string? authorization, string body)
    {
        Sent.Enqueue((path, authorization, JsonNode.Parse(body)!));
        return new JsonObject { ["id"] = $"m{Sent.Count}" };
    }

    public void Dispose()
    {
        _listener.Close();
        foreach (var key in _keys.Values) key.Dispose();
    }
}
