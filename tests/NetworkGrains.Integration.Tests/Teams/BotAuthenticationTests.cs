using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>
/// /api/messages on a real silo against Bot Framework services served on loopback: only a token the channel
/// service signed for this bot, this channel and this serviceUrl gets in; replies carry the bot's own token.
/// </summary>
public sealed class BotAuthenticationTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string AppPassword = "app-password-never-logged";
    private const string AdminAad = "00000000-0000-0000-0000-000000000001";

    [Fact]
    public async Task Only_a_valid_channel_token_gets_in_and_replies_use_the_bots_cached_token()
    {
        using var bot = new FakeBotFramework();
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"auth{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Teams__AppId"] = AppId,
            ["Teams__AppPassword"] = AppPassword,
            ["Teams__OpenIdMetadataUrl"] = bot.MetadataUrl,
            ["Teams__TokenEndpoint"] = bot.TokenUrl,
            [$"Teams__Users__{AdminAad}__0"] = "admin",
        });

        Assert.Equal(HttpStatusCode.Accepted, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Accepted, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), Activity(bot.ServiceUrl)));

        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, bot.Sign("another-bot", bot.ServiceUrl), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl, issuer: "https://evil.example"), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl, expiresIn: TimeSpan.FromMinutes(-10)), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, bot.Sign(AppId, "https://elsewhere.example/"), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl, key: "webchat-key"), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, null, Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post(silo.Http, "not.a.jwt", Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), "{\"type\":"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), "{\"type\":\"message\"}"));

        // Two accepted messages, two replies (help cards), one token request: the token is cached.
        await Poll.UntilAsync(() => bot.Sent.Count == 2);
        Assert.All(bot.Sent, sent =>
        {
            Assert.Equal($"Bearer {FakeBotFramework.OutboundToken}", sent.Authorization);
            Assert.Equal("/connector/v3/conversations/personal-1/activities/incoming-1", sent.Path);
            Assert.Contains("NetworkGrains commands", sent.Body.ToJsonString());
        });
        Assert.Equal(1, bot.TokenRequests);
        Assert.DoesNotContain(AppPassword, silo.Log);
        Assert.DoesNotContain(FakeBotFramework.OutboundToken, silo.Log);
    }

    [Fact]
    public async Task An_install_is_welcomed_a_throttled_reply_is_retried_and_an_uninstall_stops_notifications()
    {
        using var bot = new FakeBotFramework { Throttle = 1 };
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"inst{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Teams__AppId"] = AppId,
            ["Teams__OpenIdMetadataUrl"] = bot.MetadataUrl,
            [$"Teams__Users__{AdminAad}__0"] = "admin",
        });
        var token = bot.Sign(AppId, bot.ServiceUrl);

        Assert.Equal(HttpStatusCode.Accepted, await Post(silo.Http, token, Activity(bot.ServiceUrl, type: "installationUpdate", action: "add", text: null)));
        await Poll.UntilAsync(() => bot.Sent.Count == 1);
        Assert.Equal(1, bot.Throttled); // the first try got 429, the retry after Retry-After went through
        Assert.Contains("NetworkGrains commands", bot.Sent.Single().Body.ToJsonString());
        Assert.Null(bot.Sent.Single().Authorization); // no app password configured: no outbound token

        Assert.Equal(HttpStatusCode.Accepted, await Post(silo.Http, token, Activity(bot.ServiceUrl, text: "/subscribe anomalies --severity low")));
        await Poll.UntilAsync(() => bot.Sent.Count == 2);
        var notice = new { type = "message", title = "Maintenance", text = "tonight" };
        Assert.Equal(1, (await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/chatops/notifications", notice, HttpStatusCode.Accepted)).GetProperty("delivered").GetInt32());

        Assert.Equal(HttpStatusCode.Accepted, await Post(silo.Http, token, Activity(bot.ServiceUrl, type: "installationUpdate", action: "remove", text: null)));
        Assert.Equal(0, (await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/chatops/notifications", notice, HttpStatusCode.Accepted)).GetProperty("delivered").GetInt32());
    }

    private static async Task<HttpStatusCode> Post(HttpClient http, string? token, string activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Activity(string serviceUrl, string type = "message", string? action = null, string? text = "help") => new JsonObject
    {
        ["type"] = type,
        ["action"] = action,
        ["id"] = "incoming-1",
        ["text"] = text,
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:olga", ["name"] = "Olga", ["aadObjectId"] = AdminAad },
        ["conversation"] = new JsonObject { ["id"] = "personal-1", ["conversationType"] = "personal", ["tenantId"] = "t1" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "NetworkGrains" },
    }.ToJsonString();
}
