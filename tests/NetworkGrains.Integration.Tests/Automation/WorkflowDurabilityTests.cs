using System.Net;
using System.Text.Json;
using NetworkGrains.Grains.Tests.Automation;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Automation;

/// <summary>
/// Workflows and rules against a killed silo (kill -9) with PostgreSQL state: what was waiting still waits, and
/// what was cut off runs once more with the same idempotency key, not twice.
/// </summary>
public sealed class WorkflowDurabilityTests
{
    private const string Secret = "integration-secret-1234";

    [Fact]
    public async Task A_workflow_waiting_for_approval_survives_kill_9_and_completes_after_the_approval()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var receiver = new WebhookReceiver();
        var cluster = $"wfa{Guid.NewGuid():N}"[..16];
        SiloPorts ports;
        string runId;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster))
        {
            ports = silo.Ports;
            await DefineAsync(silo.Http, "guarded", new { name = "approve", type = "approval", approvers = new[] { "network_admin" }, timeout = "1h" },
                new { name = "remediate", type = "action", action = new { type = "webhook", url = receiver.Url, secret = Secret } });
            var run = await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/guarded/runs", new { }, HttpStatusCode.Accepted);
            runId = run.GetProperty("id").GetString()!;
            await WaitForStatusAsync(silo.Http, runId, "waiting_for_approval");
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports);
        Assert.Equal("waiting_for_approval", (await RunAsync(restarted.Http, runId)).GetProperty("status").GetString());
        Assert.Empty(receiver.AttemptKeys);
        await restarted.Http.SendAsync(HttpMethod.Post, $"/api/v1/automation/workflow-runs/{runId}/approve", new { comment = "go" }, HttpStatusCode.OK);

        var done = await WaitForStatusAsync(restarted.Http, runId, "succeeded");
        Assert.Equal($"{runId}:remediate:1", Assert.Single(receiver.Received).Key);
        Assert.Equal("go", done.GetProperty("timeline")[0].GetProperty("detail").GetString()![^2..]);
    }

    [Fact]
    public async Task A_workflow_action_cut_off_by_kill_9_runs_again_once_with_the_same_key()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var receiver = new WebhookReceiver(holdFirst: 1);
        var cluster = $"wfk{Guid.NewGuid():N}"[..16];
        SiloPorts ports;
        string runId;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster))
        {
            ports = silo.Ports;
            await DefineAsync(silo.Http, "one-call", new { name = "call", type = "action", timeout = "60s", action = new { type = "webhook", url = receiver.Url, secret = Secret } });
            runId = (await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/one-call/runs", new { }, HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
            await Poll.UntilAsync(() => receiver.Attempts == 1);
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports);
        // Succeeded: the step's result is written, so nothing of this run is pending any more to be tried again.
        var done = await WaitForStatusAsync(restarted.Http, runId, "succeeded");

        Assert.Equal([$"{runId}:call:0", $"{runId}:call:0"], receiver.AttemptKeys);
        Assert.Single(receiver.Received);
        Assert.Contains("interrupted", done.GetProperty("timeline")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_rule_action_cut_off_by_kill_9_runs_again_once_with_the_same_key()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var receiver = new WebhookReceiver(holdFirst: 1);
        var cluster = $"rk{Guid.NewGuid():N}"[..16];
        SiloPorts ports;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster))
        {
            ports = silo.Ports;
            await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
            {
                id = "edge-hook",
                trigger = new { devices = new[] { "edge-7" } },
                actions = new[] { new { type = "webhook", url = receiver.Url, secret = Secret } },
            }, HttpStatusCode.Created);
            await silo.Http.PutDeviceAsync("edge-7", "10.9.0.7");
            await silo.Http.PostCpuSpikeAsync("edge-7");
            await Poll.UntilAsync(() => receiver.Attempts == 1, seconds: 30);
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports);
        await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/edge-hook", null, HttpStatusCode.OK); // activates it
        // The execution in the history is written after the action, when it stops being pending: nothing is left to try again.
        var history = await Poll.UntilAsync(async () => await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/edge-hook/history", null, HttpStatusCode.OK)
            is var h && h.GetArrayLength() > 0 ? h : (JsonElement?)null, seconds: 30);

        Assert.Single(receiver.Received);
        var keys = receiver.AttemptKeys.ToArray();
        Assert.Equal(2, keys.Length);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal("succeeded", Assert.Single(history.EnumerateArray()).GetProperty("outcome").GetString());
    }

    private static Task DefineAsync(HttpClient http, string id, params object[] steps) =>
        http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows", new { id, steps }, HttpStatusCode.Created);

    private static Task<JsonElement> RunAsync(HttpClient http, string runId) =>
        http.SendAsync(HttpMethod.Get, $"/api/v1/automation/workflow-runs/{runId}", null, HttpStatusCode.OK);

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient http, string runId, string status) =>
        await Poll.UntilAsync(async () => await RunAsync(http, runId) is var run && run.GetProperty("status").GetString() == status ? run : (JsonElement?)null, seconds: 30);
}
