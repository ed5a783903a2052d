using System.Net;
using System.Security.Cryptography;
using System.Text;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Automation;

/// <summary>Rules over REST on a real silo: a spike in posted telemetry reaches a webhook receiver in this process, signed.</summary>
public sealed class AutomationApiTests
{
    private const string Secret = "integration-secret-1234";

    [Fact]
    public async Task A_rule_defined_over_REST_posts_a_signed_webhook_for_a_spike_and_the_file_rule_is_loaded()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"auto{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;
        using var receiver = new HttpListener();
        var hook = $"http://127.0.0.1:{SiloProcess.FreePort()}/hook/";
        receiver.Prefixes.Add(hook);
        receiver.Start();
        var delivery = receiver.GetContextAsync();

        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "edge-cpu",
            trigger = new { categories = new[] { "cpu" }, minSeverity = "medium", devices = new[] { "edge-5" } },
            actions = new[] { new { type = "webhook", url = hook, secret = Secret } },
            cooldown = "1h",
        }, HttpStatusCode.Created);
        var rules = await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules", null, HttpStatusCode.OK);
        Assert.Contains(rules.EnumerateArray(), r => r.GetProperty("id").GetString() == "critical-investigate");
        Assert.DoesNotContain(Secret, rules.ToString());

        await http.PutDeviceAsync("edge-5", "10.9.0.5");
        await http.PostCpuSpikeAsync("edge-5");

        var context = await delivery.WaitAsync(TimeSpan.FromSeconds(20));
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        context.Response.StatusCode = 204;
        context.Response.Close();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body.ToArray()));
        Assert.Equal(expected, context.Request.Headers["X-NG-Signature"]);
        Assert.Contains("\"deviceId\":\"edge-5\"", Encoding.UTF8.GetString(body.ToArray()));

        var history = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/edge-cpu/history", null, HttpStatusCode.OK) is var h
            && h.GetArrayLength() == 1 && h[0].GetProperty("outcome").GetString() == "succeeded" ? h : (System.Text.Json.JsonElement?)null);
        Assert.Equal(1, history[0].GetProperty("attempts").GetInt32());
        var audit = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=rule", null, HttpStatusCode.OK);
        var fired = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetString() == "rule:edge-cpu");
        Assert.Equal("webhook", fired.GetProperty("action").GetString());
        Assert.DoesNotContain(Secret, audit.ToString());
    }

    [Fact]
    public async Task Malformed_rules_and_silences_are_refused_with_the_field()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"badau{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;

        var noSecret = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules",
            new { id = "r1", trigger = new { }, actions = new[] { new { type = "webhook", url = "https://x.example/" } } }, HttpStatusCode.BadRequest);
        Assert.True(noSecret.GetProperty("errors").TryGetProperty("actions[0].secret", out _));
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new { id = "r1", trigger = new { }, actions = new[] { new { type = "launch" } } }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/nope", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/critical-investigate/history?last=0", null, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules/critical-investigate/execute", new { anomalyId = "nope" }, HttpStatusCode.NotFound);
        var matcherless = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/silences", new { duration = "2h" }, HttpStatusCode.BadRequest);
        Assert.True(matcherless.GetProperty("errors").TryGetProperty("deviceId", out _));
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/silences", new { deviceId = "edge-1", duration = "forever" }, HttpStatusCode.BadRequest);
        foreach (var (field, body) in new (string, object)[]
        {
            ("duration", new { deviceId = "edge-1", duration = "10675200d" }),
            ("cooldown", new { id = "r2", trigger = new { }, actions = new[] { new { type = "open_investigation" } }, cooldown = "10675200d" }),
            ("condition.window", new { id = "r2", trigger = new { }, actions = new[] { new { type = "open_investigation" } }, condition = new { count = 2, window = "99999999999999999999d" } }),
        })
        {
            var tooLong = await http.SendAsync(HttpMethod.Post, field == "duration" ? "/api/v1/automation/silences" : "/api/v1/automation/rules", body, HttpStatusCode.BadRequest);
            Assert.Equal("at most 30d", tooLong.GetProperty("errors").GetProperty(field)[0].GetString());
        }
        var silence = await http.SendAsync(HttpMethod.Post, "/api/v1/automation/silences", new { deviceId = "edge-1", duration = "2h", comment = "maintenance" }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Delete, $"/api/v1/automation/silences/{silence.GetProperty("id").GetString()}", null, HttpStatusCode.NoContent);
        await http.SendAsync(HttpMethod.Delete, "/api/v1/automation/silences/nope", null, HttpStatusCode.NotFound);

        // YAML as well as JSON, and the shipped YAML rule was loaded at start.
        const string yaml = "id: core-cpu\ntrigger: {categories: [cpu], roles: [core]}\nwhere:\n  - {field: anomaly.score, operator: '>=', value: '0.9999'}\nactions:\n  - type: open_investigation\n";
        using (var created = await http.PostAsync("/api/v1/automation/rules", new StringContent(yaml, Encoding.UTF8, "application/yaml")))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fromYaml = await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/core-cpu", null, HttpStatusCode.OK);
        Assert.Equal("0.9999", fromYaml.GetProperty("where")[0].GetProperty("value").GetString());
        using (var broken = await http.PostAsync("/api/v1/automation/rules", new StringContent("id: [x", Encoding.UTF8, "application/yaml")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("not valid YAML", await broken.Content.ReadAsStringAsync());
        }
        var deep = string.Concat(Enumerable.Range(0, 64).Select(i => new string(' ', 2 * i) + "a:\n")) + new string(' ', 128) + "a: 1\n";
        foreach (var document in new[] { deep, new string('[', 16_000) + new string(']', 16_000) }) // a rule body is at most 32 KiB
        {
            using var tooDeep = await http.PostAsync("/api/v1/automation/rules", new StringContent(document, Encoding.UTF8, "application/yaml"));
            Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
            Assert.Contains("nests deeper than 16 levels", await tooDeep.Content.ReadAsStringAsync());
        }

        await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/core-traffic-incident", null, HttpStatusCode.OK);
    }
}
