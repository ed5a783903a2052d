using System.Net;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Automation;

/// <summary>A change held for a person over REST: the rule's history, the list of reviews, the decision, the audit trail.</summary>
public sealed class HumanReviewApiTests
{
    [Fact]
    public async Task A_rule_change_below_the_confidence_waits_in_the_reviews_and_a_rejection_drops_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Above 1 no anomaly is confident enough: every change waits for a person.
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"review{Guid.NewGuid():N}"[..16],
            new Dictionary<string, string> { ["Automation__AutoActionConfidence"] = "1.01" });
        var http = silo.Http;
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "shut-on-cpu",
            trigger = new { categories = new[] { "cpu" }, devices = new[] { "edge-r1" } },
            actions = new object[]
            {
                new { type = "snmp_set", set = new[] { new { oid = "1.3.6.1.2.1.1.4.0", type = "s", value = "held" } } },
                new { type = "open_investigation" },
            },
            cooldown = "1h",
        }, HttpStatusCode.Created);
        await http.PutDeviceAsync("edge-r1", "10.9.9.1");
        await http.PostCpuSpikeAsync("edge-r1");

        var history = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/shut-on-cpu/history", null, HttpStatusCode.OK) is var h
            && h.GetArrayLength() == 2 ? h : (JsonElement?)null);
        var outcomes = history.EnumerateArray().ToDictionary(e => e.GetProperty("action").GetString()!, e => e.GetProperty("outcome").GetString());
        Assert.Equal("held_for_review", outcomes["snmp_set"]);
        Assert.Equal("succeeded", outcomes["open_investigation"]);

        var review = Assert.Single((await http.SendAsync(HttpMethod.Get, "/api/v1/automation/reviews", null, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("waiting_for_approval", review.GetProperty("status").GetString());
        Assert.Equal("review:rule:shut-on-cpu", review.GetProperty("workflow").GetString());
        var runId = review.GetProperty("id").GetString();
        var rejected = await http.SendAsync(HttpMethod.Post, $"/api/v1/automation/workflow-runs/{runId}/reject", new { comment = "not now" }, HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.DoesNotContain(rejected.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("step").GetString() == "act");

        var audit = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?action=review_requested", null, HttpStatusCode.OK);
        Assert.Contains(runId!, Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("summary").GetString());
    }
}
