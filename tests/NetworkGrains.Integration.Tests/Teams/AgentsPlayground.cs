using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>A Teams user, as the playground's config describes them.</summary>
public sealed record PlaygroundUser(string Id, string Name, string AadObjectId);

/// <summary>
/// The M365 Agents Playground (npm, from tests/js), offline, pointed at a silo's /api/messages, with one signed-in
/// user: it sends that user's messages and card clicks as Bot Framework activities, hosts the Bot Connector the
/// bot answers to, and streams what the bot posts over its WebSocket (collected in <see cref="Events"/>) and every
/// activity between it and the bot over its log WebSocket (collected in <see cref="Traffic"/>).
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    public const string BotId = "00000000-0000-0000-0000-00000000b007";
    public const string Personal = "personal-chat";
    public const string Channel = "channel-alerts";
    private const string FromPlayground = "Microsoft 365 Agents Playground"; // the "from" of the log stream's items
    private const string FromBot = "User Application";
    private readonly Process _process;
    private readonly ClientWebSocket _conversations = new();
    private readonly ClientWebSocket _log = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory;

    private AgentsPlayground(Process process, string directory, int port, PlaygroundUser user)
    {
        (_process, _directory, Port, User) = (process, directory, port, user);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    /// <summary>The signed-in user: every message and click is theirs.</summary>
    public PlaygroundUser User { get; }

    public HttpClient Http { get; }

    /// <summary>What the bot posted or updated, as the chat shows it (createMessage / updateMessage).</summary>
    public ConcurrentQueue<JsonNode> Events { get; } = new();

    /// <summary>Each activity the playground sent the bot and the bot sent the playground's connector, with the answer to it.</summary>
    public ConcurrentQueue<JsonNode> Traffic { get; } = new();

    public static async Task<AgentsPlayground> StartAsync(string appEndpoint, PlaygroundUser user)
    {
        var port = SiloProcess.FreePort();
        var directory = Directory.CreateTempSubdirectory("ng-playground-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, ".m365agentsplayground.yml"), Config(user));
        var info = new ProcessStartInfo("node", [Path.Combine(NodeTools.Directory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"),
            "--app-endpoint", appEndpoint, "--channel-id", "msteams", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--service-url", $"http://127.0.0.1:{port}/_connector", "--disable-telemetry"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TEAMSAPPTESTER_BROWSER"] = "none", ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true" },
        };
        var playground = new AgentsPlayground(Process.Start(info)!, directory, port, user);
        playground._process.OutputDataReceived += (_, _) => { };
        playground._process.ErrorDataReceived += (_, _) => { };
        playground._process.BeginOutputReadLine();
        playground._process.BeginErrorReadLine();
        await playground.WaitReadyAsync();
        return playground;
    }

    /// <summary>The user types <paramref name="text"/> (in a channel the bot must be mentioned, as in Teams); the text as posted.</summary>
    public async Task<string> SayAsync(string conversation, string text)
    {
        var posted = conversation == Channel ? $"<at>NetworkGrains</at> {text}" : text;
        object body = conversation == Channel
            ? new { text = posted, textFormat = "plain", from = new { id = User.Id }, mentions = new[] { new { mentioned = new { id = BotId }, text = "<at>NetworkGrains</at>" } } }
            : new { text = posted, textFormat = "plain", from = new { id = User.Id } };
        using var response = await Http.PostAsJsonAsync($"/_conversation/v1/conversations/{conversation}/messages", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return posted;
    }

    /// <summary>
    /// Says <paramref name="text"/> and returns the bot's reply to it (the reply's JSON): the message the bot posted with
    /// replyToId = the id of the activity the playground sent for this text, whatever else the bot posts meanwhile.
    /// </summary>
    public async Task<string> AskAsync(string conversation, string text)
    {
        var before = Traffic.Count;
        var posted = await SayAsync(conversation, text);
        var question = await FirstAsync(Traffic, before, t => t["from"]?.GetValue<string>() == FromPlayground && Body(t)?["type"]?.GetValue<string>() == "message"
            && Body(t)?["from"]?["id"]?.GetValue<string>() == User.Id && Body(t)?["text"]?.GetValue<string>() == posted, $"activity from the playground for \"{text}\"");
        var activityId = Body(question)!["id"]!.GetValue<string>();
        var reply = await FirstAsync(Traffic, before, t => t["from"]?.GetValue<string>() == FromBot && Body(t)?["replyToId"]?.GetValue<string>() == activityId,
            $"reply from the bot with replyToId {activityId} (\"{text}\")");
        var messageId = reply["response"]?["body"]?["id"]?.GetValue<string>()
                        ?? throw new InvalidOperationException($"the connector gave the reply no id: {reply.ToJsonString()}");
        return (await BotMessageAsync(e => e["message"]?["messageId"]?.GetValue<string>() == messageId, $"{messageId} answering \"{text}\"")).ToJsonString();
    }

    /// <summary>
    /// The user clicks an Action.Execute button on a message the bot posted (as <see cref="BotMessageAsync"/> found it;
    /// a channel post is its own thread): the bot's answer, the refreshed card.
    /// </summary>
    public async Task<JsonNode> ClickAsync(JsonNode botMessage, string verb, JsonNode data)
    {
        var message = botMessage["message"]!;
        var conversation = message["postConversationId"]?.GetValue<string>() ?? botMessage["actionConversationId"]!.GetValue<string>();
        using var response = await Http.PostAsJsonAsync("/_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() }, ["trigger"] = "manual" },
            ["from"] = new JsonObject { ["id"] = User.Id },
            ["conversation"] = new JsonObject { ["id"] = conversation },
            ["replyToId"] = message["messageId"]!.GetValue<string>(),
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The first message the bot posted (new or updated) that satisfies <paramref name="match"/>, waiting up to 30 s.</summary>
    public Task<JsonNode> BotMessageAsync(Func<JsonNode, bool> match, string because, int skip = 0) =>
        FirstAsync(Events, skip, e => e["message"]?["from"]?["id"]?.GetValue<string>() == BotId && match(e), $"bot message {because}");

    private static JsonNode? Body(JsonNode traffic) => traffic["request"]?["body"];

    private static async Task<JsonNode> FirstAsync(ConcurrentQueue<JsonNode> queue, int skip, Func<JsonNode, bool> match, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (queue.Skip(skip).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"no {because} within 30 s; the playground saw last:\n" +
                                   string.Join('\n', queue.TakeLast(8).Select(e => e.ToJsonString()).Select(json => json[..Math.Min(600, json.Length)])));
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var ping = await Http.GetAsync("/_debug/ping");
                if (ping.IsSuccessStatusCode && (await Http.GetAsync("/_internal/v1/config")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("the Agents Playground did not start");
            await Task.Delay(250);
        }

        await _conversations.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), _stop.Token);
        await _log.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws/log/stream"), _stop.Token);
        _ = Task.Run(() => ReceiveAsync(_conversations, Events.Enqueue));
        _ = Task.Run(() => ReceiveAsync(_log, item => { if (item["log"] is { } log && log["request"] is not null) Traffic.Enqueue(log); }));
    }

    private async Task ReceiveAsync(ClientWebSocket socket, Action<JsonNode> received)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is { } parsed) received(parsed);
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or System.Text.Json.JsonException)
        {
        }
    }

    private static string Config(PlaygroundUser user)
    {
        static string User(string id, string name, string aad) =>
            $"{{id: {id}, name: \"{name}\", userPrincipleName: {id}@example.test, aadObjectId: {aad}, givenName: \"{name}\", surname: Test, email: {id}@example.test}}";
        var others = Enumerable.Range(1, 5).Select(i => "  - " + User($"user-{i}", $"User {i}", $"00000000-0000-0000-0000-00000000010{i}"));
        return $$"""
            version: "0.1.1"
            tenantId: 00000000-0000-0000-0000-0000000000aa
            bot:
              id: {{BotId}}
              name: NetworkGrains
            currentUser: {{User(user.Id, user.Name, user.AadObjectId)}}
            users:
            {{string.Join('\n', others)}}
            personalChat:
              id: {{Personal}}
            groupChat:
              id: group-chat
              name: NOC chat
            team:
              id: team-noc
              name: Network Operations
              aadGroupId: 00000000-0000-0000-0000-0000000000ee
              channels:
                - {id: {{Channel}}, name: alerts}
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _conversations.Dispose();
        _log.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
