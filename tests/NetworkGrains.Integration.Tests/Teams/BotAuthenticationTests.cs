using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

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

        Assert.Equal(HttpStatusCode.OK, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), Activity(bot.ServiceUrl)));
        Assert.Equal(HttpStatusCode.OK, await Post(silo.Http, bot.Sign(AppId, bot.ServiceUrl), Activity(bot.ServiceUrl)));

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

    private static async Task<HttpStatusCode> Post(HttpClient http, string? token, string activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Activity(string serviceUrl) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = "incoming-1",
        ["text"] = "help",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:olga", ["name"] = "Olga", ["aadObjectId"] = AdminAad },
        ["conversation"] = new JsonObject { ["id"] = "personal-1", ["conversationType"] = "personal", ["tenantId"] = "t1" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "NetworkGrains" },
    }.ToJsonString();
}
