using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Anomalies;

/// <summary>
/// Cold start over REST: a new series' extreme value is a verdict from the request that posts it, and the verdicts
/// API and the anomaly's explanation say why (which detectors scored it, the expected value and the band).
/// </summary>
public sealed class ColdStartApiTests
{
    [Fact]
    public async Task Six_hundred_readings_around_40_then_ten_at_98_are_a_verdict_and_an_anomaly_that_say_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"cold{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;
        await http.PutDeviceAsync("new-1", "10.7.0.1");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-11).ToUnixTimeSeconds());
        var random = new Random(40);
        var readings = Enumerable.Range(0, 600).Select(i => new
        {
            metric = "cpu", timestamp = start.AddMinutes(i), value = i >= 590 ? 98 : Math.Round(35 + 10 * random.NextDouble(), 1),
        });

        using (var posted = await http.PostAsJsonAsync("/api/v1/devices/new-1/telemetry", readings))
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        // The request's answer came after its verdicts: no waiting for them.
        var verdict = (await http.SendAsync(HttpMethod.Get, "/api/v1/devices/new-1/verdicts", null, HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(("coldstart", 98.0), (verdict.GetProperty("detector").GetString(), verdict.GetProperty("value").GetDouble()));
        Assert.Equal(start.AddMinutes(590), verdict.GetProperty("timestamp").GetDateTimeOffset());
        Assert.InRange(verdict.GetProperty("expected").GetDouble(), 38, 42);
        Assert.True(verdict.GetProperty("high").GetDouble() < 98 && verdict.GetProperty("low").GetDouble() > 0);
        Assert.Equal(["ngcompact:False", "coldstart:True"], Contributions(verdict));

        var anomaly = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?device=new-1", null, HttpStatusCode.OK) is var page
            && page.GetProperty("items").GetArrayLength() == 1 ? page.GetProperty("items")[0] : (JsonElement?)null);
        var explanation = anomaly.GetProperty("explanation")[0];
        Assert.Equal(("cpu", "coldstart"), (anomaly.GetProperty("category").GetString(), anomaly.GetProperty("detector").GetString()));
        Assert.Equal(verdict.GetProperty("high").GetDouble(), explanation.GetProperty("high").GetDouble());
        Assert.Equal(["ngcompact:False", "coldstart:True"], Contributions(explanation, "detectors"));
    }

    private static string[] Contributions(JsonElement element, string property = "contributions") =>
        [.. element.GetProperty(property).EnumerateArray().Select(c => $"{c.GetProperty("detector").GetString()}:{c.GetProperty("fired").GetBoolean()}")];
}
