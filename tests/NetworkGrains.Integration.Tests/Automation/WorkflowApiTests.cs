using System.Net;
using System.Text;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Automation;

/// <summary>The workflow endpoints on a real silo: the shipped workflows, and every kind of bad request.</summary>
public sealed class WorkflowApiTests
{
    [Fact]
    public async Task The_shipped_workflows_are_served_and_bad_requests_say_what_is_wrong()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"wfapi{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;

        var workflows = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflows", null, HttpStatusCode.OK) is var list
            && list.GetArrayLength() == 2 ? list : (System.Text.Json.JsonElement?)null);
        Assert.Equal(["bandwidth-optimization", "incident-response"], workflows.EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        var incident = await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflows/incident-response", null, HttpStatusCode.OK);
        Assert.Equal(["investigate", "notify", "approve", "remediate", "verify", "resolve"], incident.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        var invalid = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows",
            new { id = "wf", steps = new object[] { new { name = "a", type = "delay", timeout = "1s", next = "nowhere" } } }, HttpStatusCode.BadRequest);
        Assert.Contains("nowhere", invalid.GetProperty("errors").GetProperty("steps[0].next")[0].GetString());
        using (var notJson = await http.PostAsync("/api/v1/automation/workflows", new StringContent("{\"id\":", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var forever = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows",
            new { id = "wf", steps = new object[] { new { name = "a", type = "delay", timeout = "10675200d", retryDelay = "10675200d" } } }, HttpStatusCode.BadRequest);
        Assert.Equal(["steps[0].retryDelay", "steps[0].timeout"], forever.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        using (var tooDeep = await http.PostAsync("/api/v1/automation/workflows", new StringContent(new string('[', 32_000) + new string(']', 32_000), Encoding.UTF8, "application/yaml")))
            Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
        using (var huge = await http.PostAsync("/api/v1/automation/workflows", new StringContent(new string(' ', 70_000) + "{}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/no-such/runs", new { }, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/incident-response/runs", new { anomalyId = "no-such" }, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/incident-response/runs", new { deviceId = "bad id" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/incident-response/runs", new { parameter = "x" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflow-runs/no-such/approve", new { }, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflows/incident-response/runs?last=0", null, HttpStatusCode.BadRequest);

        // A run with no anomaly fails at its first step, saying why; deciding on a finished run is a conflict.
        var run = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/incident-response/runs", new { runId = "run-no-anomaly" }, HttpStatusCode.Accepted);
        Assert.Equal("run-no-anomaly", run.GetProperty("id").GetString());
        var failed = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflow-runs/run-no-anomaly", null, HttpStatusCode.OK) is var r
            && r.GetProperty("status").GetString() == "failed" ? r : (System.Text.Json.JsonElement?)null);
        Assert.Contains("no anomaly", failed.GetProperty("timeline")[0].GetProperty("detail").GetString());
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflow-runs/run-no-anomaly/approve", new { }, HttpStatusCode.Conflict);

        // Reminders: one for the quiet sweep, registered at start, and none left by the finished run.
        await database.WaitForCountAsync("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'sweep' AND grain_id LIKE '%quiet'", 1, TimeSpan.FromSeconds(20));
        await database.WaitForCountAsync("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%run-no-anomaly%'", 0, TimeSpan.FromSeconds(20));
    }
}
