using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Models;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>
/// The success answers of the operations no scenario test reaches on its own way (verdicts, polling reads and
/// removal, the dataset list, the registry's version, alias, canary, rollback and retraining routes, a rule run by
/// hand, the silence list, rejecting and cancelling a workflow run), each checked against the document by the client.
/// </summary>
public sealed class HappyPathTests
{
    [Fact]
    public async Task The_operations_without_a_scenario_of_their_own_answer_their_success()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"happy{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;

        // Devices: verdicts, and a polling profile read and removed.
        await http.PutDeviceAsync("tour-1", "10.77.0.1");
        await http.SendAsync(HttpMethod.Get, "/api/v1/devices/tour-1/verdicts", null, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Put, "/api/v1/snmp/credentials/tour-community", new { type = "community", community = "tour-secret-1" }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Put, "/api/v1/devices/tour-1/polling", new { version = "v2c", credential = "tour-community", port = 16161 }, HttpStatusCode.OK);
        var polling = await http.SendAsync(HttpMethod.Get, "/api/v1/devices/tour-1/polling", null, HttpStatusCode.OK);
        Assert.Equal("tour-community", polling.GetProperty("credential").GetString());
        await http.SendAsync(HttpMethod.Delete, "/api/v1/devices/tour-1/polling", null, HttpStatusCode.NoContent);
        await http.SendAsync(HttpMethod.Get, "/api/v1/devices/tour-1/polling", null, HttpStatusCode.NotFound);

        // The registry: two trained versions through production, a rollback, aliases, a canary, retraining, an uploaded version.
        await http.PutCsvAsync("tour-train", ModelApi.WindowsCsv(400, 0, seed: 3), HttpStatusCode.Created);
        await http.PutCsvAsync("tour-check", ModelApi.WindowsCsv(200, 20, seed: 4), HttpStatusCode.Created);
        var datasets = await http.SendAsync(HttpMethod.Get, "/api/v1/datasets", null, HttpStatusCode.OK);
        Assert.Equal(2, datasets.GetArrayLength());
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "tour-model", type = "anomaly_detection" }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model", new { description = "the tour's" }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model", "{\"description\": ", HttpStatusCode.BadRequest);
        foreach (var version in new[] { 1, 2 })
        {
            var job = await http.SendAsync(HttpMethod.Post, "/api/v1/models/tour-model/train", new { dataset = "tour-train", validationDataset = "tour-check" }, HttpStatusCode.Accepted);
            Assert.Equal("succeeded", (await http.WaitForJobAsync($"/api/v1/training-jobs/{job.GetProperty("id").GetString()}")).GetProperty("status").GetString());
            await http.SendAsync(HttpMethod.Post, $"/api/v1/models/tour-model/versions/{version}/approve", new { stage = "staging" }, HttpStatusCode.OK);
            await http.SendAsync(HttpMethod.Post, $"/api/v1/models/tour-model/versions/{version}/promote", new { stage = "staging", reason = "tour" }, HttpStatusCode.OK);
            await http.SendAsync(HttpMethod.Post, $"/api/v1/models/tour-model/versions/{version}/approve", new { stage = "production" }, HttpStatusCode.OK);
            await http.SendAsync(HttpMethod.Post, "/api/v1/models/tour-model/deploy", new { version }, HttpStatusCode.Accepted);
        }
        var rolledBack = await http.SendAsync(HttpMethod.Post, "/api/v1/models/tour-model/rollback", new { reason = "tour" }, HttpStatusCode.OK);
        Assert.Equal(1, rolledBack.GetProperty("productionVersion").GetInt32());
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model/aliases/challenger", new { version = 2 }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model/canary", new { percent = 10 }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model/canary", new { percent = 0 }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Delete, "/api/v1/models/tour-model/aliases/challenger", null, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Put, "/api/v1/models/tour-model/retraining", new { dataset = "tour-train", onDrift = false }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Delete, "/api/v1/models/tour-model/retraining", null, HttpStatusCode.OK);
        var uploaded = await UploadAsync(http, "tour-model", Onnx());
        Assert.Equal(3, uploaded.GetProperty("version").GetInt32());
        await http.SendAsync(HttpMethod.Get, "/api/v1/models/tour-model/versions/3", null, HttpStatusCode.OK);
        var validated = await http.SendAsync(HttpMethod.Post, "/api/v1/models/tour-model/versions/3/validate", new { dataset = "tour-check" }, HttpStatusCode.OK);
        Assert.True(validated.GetProperty("metrics").EnumerateObject().Any(), validated.ToString());
        await http.SendAsync(HttpMethod.Get, "/api/v1/models?type=anomaly_detection", null, HttpStatusCode.OK);

        // Automation: a rule run by hand for an anomaly (its trigger matches no device, so a late stream event cannot run it too), the silences, and a workflow run rejected and another cancelled.
        await http.PostCpuSpikeAsync("tour-1");
        var anomalies = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?device=tour-1", null, HttpStatusCode.OK) is var page
            && page.GetProperty("items").GetArrayLength() > 0 ? page : (JsonElement?)null);
        var anomalyId = anomalies.GetProperty("items")[0].GetProperty("id").GetString();
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new { id = "tour-rule", trigger = new { devices = new[] { "tour-none" } }, actions = new[] { new { type = "open_investigation" } } }, HttpStatusCode.Created);
        var executed = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules/tour-rule/execute", new { anomalyId }, HttpStatusCode.Accepted);
        Assert.Equal(1, executed.GetArrayLength());
        var ruleAudit = await Poll.UntilAsync(async () => (await http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=rule", null, HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().FirstOrDefault(e => e.GetProperty("target").GetString() == anomalyId) is { ValueKind: JsonValueKind.Object } entry ? entry : (JsonElement?)null);
        Assert.Equal(("{\"status\":\"detected\"}", "{\"status\":\"investigating\"}"), (ruleAudit.GetProperty("before").GetString(), ruleAudit.GetProperty("after").GetString()));
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/silences", new { deviceId = "tour-1", duration = "1h" }, HttpStatusCode.Created);
        Assert.Equal(1, (await http.SendAsync(HttpMethod.Get, "/api/v1/automation/silences", null, HttpStatusCode.OK)).GetArrayLength());
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows", new
        {
            id = "tour-flow",
            steps = new object[] { new { name = "ask", type = "approval", approvers = new[] { "admin" } }, new { name = "act", type = "action", action = new { type = "open_investigation" } } },
        }, HttpStatusCode.Created);
        foreach (var (runId, verb) in new[] { ("tour-run-1", "reject"), ("tour-run-2", "cancel") })
        {
            await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows/tour-flow/runs", new { runId, anomalyId }, HttpStatusCode.Accepted);
            await Poll.UntilAsync(async () => (await http.SendAsync(HttpMethod.Get, $"/api/v1/automation/workflow-runs/{runId}", null, HttpStatusCode.OK))
                .GetProperty("status").GetString() == "waiting_for_approval" ? true : (bool?)null);
            var ended = await http.SendAsync(HttpMethod.Post, $"/api/v1/automation/workflow-runs/{runId}/{verb}", new { comment = "tour" }, HttpStatusCode.OK);
            Assert.Equal(verb == "reject" ? "rejected" : "cancelled", ended.GetProperty("status").GetString());
        }
    }

    private static byte[] Onnx()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            var load = (float)random.NextDouble() * 100;
            return new[] { load, load * 0.8f, 20 + load * 0.3f };
        }).ToList();
        var card = new ModelCard("anomaly_detection", PcaModel.Algorithm, ["in", "out", "cpu"], "features", "score", 0.5, TrainingDataSha256: new string('0', 64));
        return PcaOnnx.Export(PcaModel.Fit(rows), card);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient http, string model, byte[] onnx)
    {
        using var content = new ByteArrayContent(onnx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync($"/api/v1/models/{model}/versions", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
