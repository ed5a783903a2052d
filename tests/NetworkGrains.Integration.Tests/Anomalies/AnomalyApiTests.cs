using System.Net;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Anomalies;

/// <summary>Anomalies over REST on PostgreSQL: a spike in posted telemetry becomes an anomaly a user lists, investigates and resolves.</summary>
public sealed class AnomalyApiTests
{
    [Fact]
    public async Task A_spike_becomes_an_anomaly_that_is_listed_investigated_resolved_and_kept_across_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"anom{Guid.NewGuid():N}"[..16];
        SiloPorts ports;
        string id;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster))
        {
            ports = silo.Ports;
            var http = silo.Http;
            await http.PutDeviceAsync("edge-9", "10.9.0.9");
            await http.PostCpuSpikeAsync("edge-9");

            var list = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?device=edge-9&status=detected&time_range=7d", null, HttpStatusCode.OK) is var page
                && page.GetProperty("pagination").GetProperty("total").GetInt32() == 1 ? page : (System.Text.Json.JsonElement?)null);
            var anomaly = list.GetProperty("items")[0];
            id = anomaly.GetProperty("id").GetString()!;
            Assert.Equal(("cpu", "detected"), (anomaly.GetProperty("category").GetString(), anomaly.GetProperty("status").GetString()));
            Assert.Equal(400, anomaly.GetProperty("explanation")[0].GetProperty("value").GetDouble());
            Assert.Equal(1, await database.ScalarAsync<long>("SELECT count(*) FROM anomaly WHERE device_id = 'edge-9'"));

            var investigating = await http.SendAsync(HttpMethod.Post, $"/api/v1/anomalies/{id}/investigate", new { notes = "uplink?" }, HttpStatusCode.Created);
            Assert.Equal("investigating", investigating.GetProperty("status").GetString());
            var resolved = await http.SendAsync(HttpMethod.Post, $"/api/v1/anomalies/{id}/resolve", new { resolution = "false_positive", notes = "load test" }, HttpStatusCode.OK);
            Assert.Equal(["detected", "investigating", "false_positive"], resolved.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
            await http.SendAsync(HttpMethod.Post, $"/api/v1/anomalies/{id}/resolve", new { }, HttpStatusCode.Conflict);
            await silo.KillAsync();
        }

        await using (var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports))
        {
            var kept = await restarted.Http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{id}", null, HttpStatusCode.OK);
            Assert.Equal("false_positive", kept.GetProperty("status").GetString());
            var labelled = await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?status=false_positive", null, HttpStatusCode.OK);
            Assert.Equal(1, labelled.GetProperty("pagination").GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task Malformed_anomaly_requests_get_clear_errors()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"badan{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;

        await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?severity=apocalyptic", null, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?status=open", null, HttpStatusCode.BadRequest);
        var range = await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?time_range=2h", null, HttpStatusCode.BadRequest);
        Assert.True(range.GetProperty("errors").TryGetProperty("time_range", out _));
        await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?limit=0", null, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies/nope", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Post, "/api/v1/anomalies/nope/investigate", new { }, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Post, "/api/v1/anomalies/nope/resolve", new { resolution = "investigating" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/anomalies/nope/resolve", new { resolution = "resolved", extra = 1 }, HttpStatusCode.BadRequest);
        var empty = await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies", null, HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("pagination").GetProperty("total").GetInt32());
    }
}
