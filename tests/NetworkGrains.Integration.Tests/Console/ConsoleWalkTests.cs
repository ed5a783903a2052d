using System.Net;
using NetworkGrains.Integration.Tests.Models;
using NetworkGrains.Integration.Tests.Teams;

namespace NetworkGrains.Integration.Tests.Console;

/// <summary>A person's walk through the operator console in headless chromium, on a secured silo with real data.</summary>
public sealed class ConsoleWalkTests
{
    [Fact]
    public async Task A_person_signs_in_opens_a_chart_acknowledges_an_anomaly_approves_a_run_and_promotes_a_model()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"console{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;
        foreach (var (device, address) in new[] { ("edge-1", "10.20.0.1"), ("edge-2", "10.20.0.2"), ("edge-3", "10.20.0.3") }) await http.PutDeviceAsync(device, address);
        await http.PostCpuSpikeAsync("edge-1");
        await http.PostCpuSpikeAsync("edge-2");
        var acknowledged = await OpenAnomalyAsync(http, "edge-1");
        var remediated = await OpenAnomalyAsync(http, "edge-2");
        // incident-response notifies Teams (not configured here, so it goes on) and then waits for a person's approval.
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/incident-response/runs", new { anomalyId = remediated, runId = "run-walk" }, HttpStatusCode.Accepted);
        await Poll.UntilAsync(async () => (await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflow-runs/run-walk", null, HttpStatusCode.OK))
            .GetProperty("status").GetString() == "waiting_for_approval" ? true : (bool?)null, seconds: 60);
        await TrainModelAsync(http, "edge-anomaly");
        var key = await TestKeys.CreateAsync(database.ConnectionString, "network_admin", "ml_admin", "security_admin");

        await using var browser = await NodeTools.StartAsync("console-walk.mjs", $"http://127.0.0.1:{silo.Ports.Http}", key, acknowledged, "run-walk", "edge-anomaly", "edge-3",
            TestArtifacts.Directory);
        foreach (var step in new[] { "sign-in", "signed-in", "fleet", "device", "acknowledged", "anomalies", "live", "anomaly", "automation", "approved", "models",
                     "gate-refused", "promoted", "audit", "signed-out" })
            Assert.Equal(step, await browser.NextLineAsync(TimeSpan.FromSeconds(120)));

        // What the person did is what the API now shows, and the trail says who did it, through the console.
        var anomaly = await http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{acknowledged}", null, HttpStatusCode.OK);
        Assert.Equal("investigating", anomaly.GetProperty("status").GetString());
        Assert.Contains(anomaly.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("notes").GetString() == "acknowledged in the console" && e.GetProperty("by").GetString()!.StartsWith("key:"));
        var run = await http.SendAsync(HttpMethod.Get, "/api/v1/automation/workflow-runs/run-walk", null, HttpStatusCode.OK);
        Assert.NotEqual("waiting_for_approval", run.GetProperty("status").GetString());
        var model = await http.SendAsync(HttpMethod.Get, "/api/v1/models/edge-anomaly", null, HttpStatusCode.OK);
        Assert.Equal(1, model.GetProperty("productionVersion").GetInt32());
        var trail = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=console&limit=100", null, HttpStatusCode.OK);
        var actions = trail.GetProperty("items").EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString(), Target: e.GetProperty("target").GetString())).ToList();
        Assert.Contains(("POST /ui/actions/anomalies/{id}/investigate", $"/api/v1/anomalies/{acknowledged}"), actions);
        Assert.Contains(("POST /ui/actions/workflow-runs/{runId}/approve", "/api/v1/automation/workflow-runs/run-walk"), actions);
        Assert.Contains(("POST /ui/actions/models/{id}/promote", "/api/v1/models/edge-anomaly"), actions);
    }

    internal static async Task<string> OpenAnomalyAsync(HttpClient http, string device)
    {
        string? id = null;
        await Poll.UntilAsync(async () =>
        {
            var items = (await http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies?device={device}", null, HttpStatusCode.OK)).GetProperty("items");
            id = items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetString() : null;
            return id is null ? null : (bool?)true;
        }, seconds: 60);
        return id!;
    }

    private static async Task TrainModelAsync(HttpClient http, string name)
    {
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name, type = "anomaly_detection", description = "edge windows" }, HttpStatusCode.Created);
        await http.PutCsvAsync($"{name}-train", ModelApi.WindowsCsv(1000, 0, seed: 1), HttpStatusCode.Created);
        await http.PutCsvAsync($"{name}-check", ModelApi.WindowsCsv(400, 40, seed: 2), HttpStatusCode.Created);
        var accepted = await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{name}/train", new { dataset = $"{name}-train", validationDataset = $"{name}-check" }, HttpStatusCode.Accepted);
        var job = await http.WaitForJobAsync($"/api/v1/training-jobs/{accepted.GetProperty("id").GetString()}");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
    }
}
