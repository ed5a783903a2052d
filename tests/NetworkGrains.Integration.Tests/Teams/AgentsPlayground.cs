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
/// bot answers to, and streams what the bot posts over its WebSocket (collected in <see cref="Events"/>).
/// </summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    public const string BotId = "00000000-0000-0000-0000-00000000b007";
    public const string Personal = "personal-chat";
    public const string Channel = "channel-alerts";
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
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

    public ConcurrentQueue<JsonNode> Events { get; } = new();

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

    /// <summary>The user types <paramref name="text"/> (in a channel the bot must be mentioned, as in Teams).</summary>
    public async Task SayAsync(string conversation, string text)
    {
        object body = conversation == Channel
            ? new { text = $"<at>NetworkGrains</at> {text}", textFormat = "plain", from = new { id = User.Id }, mentions = new[] { new { mentioned = new { id = BotId }, text = "<at>NetworkGrains</at>" } } }
            : new { text, textFormat = "plain", from = new { id = User.Id } };
        using var response = await Http.PostAsJsonAsync($"/_conversation/v1/conversations/{conversation}/messages", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Says <paramref name="text"/> and returns the bot's next message in that conversation (the reply's JSON).</summary>
    public async Task<string> AskAsync(string conversation, string text)
    {
        var before = Events.Count;
        await SayAsync(conversation, text);
        var reply = await BotMessageAsync(e => e["actionConversationId"]?.GetValue<string>()?.StartsWith(conversation, StringComparison.Ordinal) == true,
            $"answering \"{text}\"", skip: before);
        return reply.ToJsonString();
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
    public async Task<JsonNode> BotMessageAsync(Func<JsonNode, bool> match, string because, int skip = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Events.Skip(skip).FirstOrDefault(e => e["message"]?["from"]?["id"]?.GetValue<string>() == BotId && match(e)) is { } found) return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"no bot message {because}; the playground saw:\n" + string.Join('\n', Events.TakeLast(8).Select(e => e.ToJsonString()[..Math.Min(600, e.ToJsonString().Length)])));
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

        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), _stop.Token);
        _ = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is { } parsed) Events.Enqueue(parsed);
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
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
