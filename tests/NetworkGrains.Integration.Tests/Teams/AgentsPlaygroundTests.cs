using System.Net;
using System.Text.Json.Nodes;
using NetworkGrains.Grains.Tests.Automation;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>
/// The bot in the M365 Agents Playground (the Teams client of this machine), on a real silo with PostgreSQL: the
/// seed's commands for a user with the roles and for one without, proactive anomaly and approval cards in a
/// subscribed channel, and the clicks that change the anomaly and resume the workflow.
/// </summary>
public sealed class AgentsPlaygroundTests
{
    private static readonly PlaygroundUser Admin = new("user-olga", "Olga", "00000000-0000-0000-0000-000000000001");
    private static readonly PlaygroundUser Viewer = new("user-vic", "Vic", "00000000-0000-0000-0000-000000000002");
    private static readonly PlaygroundUser Guest = new("user-gus", "Gus", "00000000-0000-0000-0000-000000000003");
    private static readonly Dictionary<string, string> TeamsSettings = new()
    {
        ["Teams__DisableAuthentication"] = "true", // the playground sends no token
        [$"Teams__Users__{Admin.AadObjectId}__0"] = "admin",
        [$"Teams__Users__{Guest.AadObjectId}__0"] = "guest", // a role no command but help allows
    };

    [Fact]
    public async Task Each_command_answers_a_user_with_the_role_and_refuses_one_without()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"teams{Guid.NewGuid():N}"[..16], TeamsSettings);
        var http = silo.Http;
        await http.PutDeviceAsync("edge-1", "10.9.1.1");
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "edge-anomaly", type = "anomaly_detection", description = "windows" }, HttpStatusCode.Created);
        await http.PutCsvAsync("edge-train", ModelApi.WindowsCsv(1000, 0, seed: 1), HttpStatusCode.Created);
        await http.PutCsvAsync("edge-check", ModelApi.WindowsCsv(400, 40, seed: 2), HttpStatusCode.Created);
        await http.PostCpuSpikeAsync("edge-1");
        var anomalyId = (await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?device=edge-1", null, HttpStatusCode.OK) is var list
            && list.GetProperty("items").GetArrayLength() > 0 ? list : (System.Text.Json.JsonElement?)null)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var endpoint = $"http://127.0.0.1:{silo.Ports.Http}/api/messages";
        await using var admin = await AgentsPlayground.StartAsync(endpoint, Admin);
        await using var viewer = await AgentsPlayground.StartAsync(endpoint, Viewer);
        const string chat = AgentsPlayground.Personal;

        Assert.Contains("NetworkGrains commands", await admin.AskAsync(chat, "help"));
        Assert.Contains("edge-anomaly", await admin.AskAsync(chat, "/ml status models"));
        Assert.Contains("Subscribed", await admin.AskAsync(chat, "/subscribe anomalies --severity critical"));
        Assert.Contains("Training started", await admin.AskAsync(chat, "/ml train edge-anomaly --dataset edge-train --validation edge-check"));
        await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/models/edge-anomaly", null, HttpStatusCode.OK) is var m
            && m.GetProperty("versions").GetArrayLength() == 1 ? m : (System.Text.Json.JsonElement?)null, seconds: 60);
        Assert.Contains("Not deployed", await admin.AskAsync(chat, "/ml deploy model edge-anomaly 1")); // the production gate wants its approval first
        await http.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/versions/1/approve", new { stage = "production" }, HttpStatusCode.OK);
        var before = admin.Events.Count;
        Assert.Contains("edge-anomaly v1 is in production", await admin.AskAsync(chat, "/ml deploy model edge-anomaly 1"));
        await admin.BotMessageAsync(e => e.ToJsonString().Contains("Model edge-anomaly v1 is in production"), "with the model_deployed card", skip: before);
        Assert.Contains("hours of traffic history", await admin.AskAsync(chat, "/predict traffic --device edge-1 --timeframe 24h"));
        Assert.Contains("edge-1", await admin.AskAsync(chat, "/analyze anomalies --severity medium --last 3d"));
        Assert.Contains("Rule enabled", await admin.AskAsync(chat, "/automate enable critical-investigate --threshold 85%"));
        Assert.Contains("Workflow incident-response started", await admin.AskAsync(chat, $"/workflow run incident-response --incident {anomalyId}"));
        var unknown = await admin.AskAsync(chat, "/ml stauts models");
        Assert.Contains("Did you mean", unknown);
        Assert.Contains("/ml status models", unknown);

        Assert.Contains("edge-anomaly", await viewer.AskAsync(chat, "/ml status models"));
        Assert.Contains("hours of traffic history", await viewer.AskAsync(chat, "/predict traffic --device edge-1"));
        Assert.Contains("edge-1", await viewer.AskAsync(chat, "/analyze anomalies --last 3d"));
        foreach (var command in new[] { "/ml train edge-anomaly --dataset edge-train", "/ml deploy model edge-anomaly 1", "/automate enable critical-investigate",
                     $"/workflow run incident-response --incident {anomalyId}", "/subscribe anomalies" })
            Assert.Contains("Not allowed", await viewer.AskAsync(chat, command));
        Assert.Contains("refused to teams:Vic", silo.Log);

        await using var guest = await AgentsPlayground.StartAsync(endpoint, Guest);
        foreach (var command in new[] { "/ml status models", "/predict traffic --device edge-1", "/analyze anomalies" })
            Assert.Contains("Not allowed", await guest.AskAsync(chat, command));
        var guestHelp = await guest.AskAsync(chat, "help");
        Assert.Contains("Your roles: guest", guestHelp);
        Assert.DoesNotContain("/ml status models", guestHelp);
        Assert.Single((await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflows/incident-response/runs", null, HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_subscribed_channel_gets_anomaly_and_approval_cards_and_clicks_change_the_grains()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"cards{Guid.NewGuid():N}"[..16], TeamsSettings);
        var http = silo.Http;
        using var receiver = new WebhookReceiver();
        await using var playground = await AgentsPlayground.StartAsync($"http://127.0.0.1:{silo.Ports.Http}/api/messages", Admin);
        const string channel = AgentsPlayground.Channel;
        Assert.Contains("Subscribed", await playground.AskAsync(channel, "/subscribe anomalies --severity medium"));

        // An anomaly: a proactive card in the channel; Acknowledge moves it to investigating, as the user who clicked.
        await http.PutDeviceAsync("edge-2", "10.9.1.2");
        await http.PostCpuSpikeAsync("edge-2");
        var card = await playground.BotMessageAsync(e => e["actionConversationId"]?.GetValue<string>() == channel && e.ToJsonString().Contains("Anomaly on edge-2"), "with the anomaly");
        var anomalyId = Data(card, "acknowledge")["anomalyId"]!.GetValue<string>();
        var clicked = await playground.ClickAsync(card, "acknowledge", Data(card, "acknowledge"));
        Assert.Contains("Acknowledged by teams:Olga", clicked.ToJsonString());
        var anomaly = await http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{anomalyId}", null, HttpStatusCode.OK);
        Assert.Equal("investigating", anomaly.GetProperty("status").GetString());
        Assert.Contains(anomaly.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("by").GetString() == "teams:Olga");

        // A workflow waiting for a person: the approval card; Approve lets it go on to its webhook.
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows", new
        {
            id = "guarded-hook",
            steps = new object[]
            {
                new { name = "notify", type = "action", action = new { type = "teams_notify", text = "Heads up: {device} needs a decision" } },
                new { name = "approve", type = "approval", approvers = new[] { "network_admin" }, timeout = "1h" },
                new { name = "act", type = "action", action = new { type = "webhook", url = receiver.Url, secret = "integration-secret-1234" } },
            },
        }, HttpStatusCode.Created);
        var run = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/guarded-hook/runs", new { anomalyId }, HttpStatusCode.Accepted);
        var runId = run.GetProperty("id").GetString()!;
        await playground.BotMessageAsync(e => e["actionConversationId"]?.GetValue<string>() == channel && e.ToJsonString().Contains("Heads up: edge-2 needs a decision"),
            "from the workflow's teams_notify step (through the bot: no webhook URL is set)");
        var approval = await playground.BotMessageAsync(e => e["actionConversationId"]?.GetValue<string>() == channel && e.ToJsonString().Contains(runId), "asking for the approval");
        var approved = await playground.ClickAsync(approval, "approve", Data(approval, "approve"));
        Assert.Contains("approved in Teams by teams:Olga", approved.ToJsonString());
        await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, $"/api/v1/automation/workflow-runs/{runId}", null, HttpStatusCode.OK) is var r
            && r.GetProperty("status").GetString() == "succeeded" ? r : (System.Text.Json.JsonElement?)null);
        Assert.Single(receiver.Received);

        // Who clicked what is in the audit trail, with the workflow's own action.
        var chatops = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=chatops", null, HttpStatusCode.OK);
        Assert.Contains(chatops.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "card acknowledge"
            && e.GetProperty("actor").GetString() == "teams:Olga" && e.GetProperty("target").GetString() == anomalyId
            && e.GetProperty("before").GetString()!.Contains("\"status\":\"detected\"", StringComparison.Ordinal)
            && e.GetProperty("after").GetString()!.Contains("\"status\":\"investigating\"", StringComparison.Ordinal));
        Assert.Contains(chatops.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "card approve" && e.GetProperty("target").GetString() == runId);
        Assert.Contains(chatops.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "command subscribe");
        var workflow = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=workflow", null, HttpStatusCode.OK);
        Assert.Contains(workflow.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "webhook"
            && e.GetProperty("summary").GetString()!.StartsWith("succeeded", StringComparison.Ordinal));

        // The seed's notification endpoint goes the same way; a bad one is refused with the field.
        var sent = await http.SendAsync(HttpMethod.Post, "/api/v1/chatops/notifications", new { type = "message", title = "Maintenance", text = "core-1 reboots at 22:00", severity = "high" },
            HttpStatusCode.Accepted);
        Assert.Equal(1, sent.GetProperty("delivered").GetInt32());
        await playground.BotMessageAsync(e => e["actionConversationId"]?.GetValue<string>() == channel && e.ToJsonString().Contains("core-1 reboots at 22:00"), "with the notification");
        await http.SendAsync(HttpMethod.Post, "/api/v1/chatops/notifications", new { type = "pager" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/chatops/notifications", new { type = "anomaly_detected", anomalyId = "no-such" }, HttpStatusCode.NotFound);

        // Every card the playground received is a valid Adaptive Card 1.5.
        var cards = playground.Events.SelectMany(e => e["message"]?["attachments"]?.AsArray() ?? []).Select(a => a!["content"]!.DeepClone())
            .Append(clicked["value"]!.DeepClone()).Append(approved["value"]!.DeepClone()).ToArray();
        var file = Path.Combine(Path.GetTempPath(), $"ng-playground-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray(cards).ToJsonString());
        var (exitCode, output) = await NodeTools.RunAsync("validate-cards.mjs", file);
        File.Delete(file);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task A_person_in_the_playgrounds_web_ui_subscribes_and_acknowledges_an_anomaly_card()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"webui{Guid.NewGuid():N}"[..16], TeamsSettings);
        await silo.Http.PutDeviceAsync("edge-3", "10.9.1.3");
        await using var playground = await AgentsPlayground.StartAsync($"http://127.0.0.1:{silo.Ports.Http}/api/messages", Admin);
        var screenshot = Path.Combine(TestArtifacts.Directory, "playground-acknowledge.png");

        await using var browser = await NodeTools.StartAsync("playground-ui.mjs", $"http://127.0.0.1:{playground.Port}/", screenshot);
        Assert.Equal("subscribed", await browser.NextLineAsync(TimeSpan.FromSeconds(90)));
        await silo.Http.PostCpuSpikeAsync("edge-3");
        Assert.Equal("acknowledged", await browser.NextLineAsync(TimeSpan.FromSeconds(120)));

        Assert.True(new FileInfo(screenshot).Length > 10_000);
        var anomalies = await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?device=edge-3", null, HttpStatusCode.OK);
        Assert.Equal("investigating", anomalies.GetProperty("items")[0].GetProperty("status").GetString());
    }

    private static JsonNode Data(JsonNode message, string verb) =>
        message["message"]!["attachments"]![0]!["content"]!["actions"]!.AsArray().Single(a => a!["verb"]!.GetValue<string>() == verb)!["data"]!;
}
