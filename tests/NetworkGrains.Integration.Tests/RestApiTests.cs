using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests;

/// <summary>The REST contract through the real HTTP server: bad input is refused with a problem and nothing applied.</summary>
public sealed class RestApiTests
{
    [Fact]
    public async Task Bad_requests_get_precise_problems_and_change_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"rest{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;
        await http.PutDeviceAsync("edge-9", "10.6.0.9");
        await http.PostMinutesAsync("edge-9", 0, 3);

        // Malformed JSON, a bad field among good readings, and an oversized body: none of it is applied.
        await AssertProblem(await Post(http, "edge-9", "[{\"metric\":\"cpu\",\"value\":"), HttpStatusCode.BadRequest);
        var mixed = await Post(http, "edge-9", "[{\"metric\":\"cpu\",\"value\":99},{\"metric\":\"cpu\",\"value\":1,\"kind\":\"counter99\"}]");
        Assert.Contains("$[1].kind", await AssertProblem(mixed, HttpStatusCode.BadRequest));
        var huge = "[" + string.Join(",", Enumerable.Repeat("{\"metric\":\"cpu\",\"value\":1}", 60_000)) + "]";
        await AssertProblem(await Post(http, "edge-9", huge), HttpStatusCode.RequestEntityTooLarge);
        var beyond = await Post(http, "edge-9", "[{\"metric\":\"cpu\",\"value\":1},{\"metric\":\"ifHCInOctets\",\"instance\":\"1\",\"value\":18446744073709551616,\"kind\":\"counter64\"}]");
        Assert.Contains("a counter64 is a whole number from 0 to 18446744073709551615", await AssertProblem(beyond, HttpStatusCode.BadRequest));
        Assert.Equal(new double[] { 0, 1, 2 }, await http.GetRawCpuAsync("edge-9"));

        // Unknown device, bad query values, a management address that is taken.
        await AssertProblem(await Post(http, "ghost", "[{\"metric\":\"cpu\",\"value\":1}]"), HttpStatusCode.NotFound);
        await AssertProblem(await http.GetAsync("/api/v1/devices/ghost"), HttpStatusCode.NotFound);
        Assert.Contains("\"limit\"", await AssertProblem(await http.GetAsync("/api/v1/devices?limit=abc"), HttpStatusCode.BadRequest));
        // Values that overflowed into a 500: a page past an int of rows (the SQL OFFSET), durations of 29,000 years, time zero.
        foreach (var (path, field) in new[]
        {
            ("/api/v1/anomalies?page=2147483647&limit=500", "page"), ("/api/v1/audit?page=2147483647&limit=1000", "page"),
            ("/api/v1/audit?since=10675200d", "since"), ("/api/v1/devices/edge-9/flows/top?last=10675200d", "last"),
            ("/api/v1/devices/edge-9/telemetry?metric=cpu&to=0001-01-01T00:00:00Z", "to"),
        })
            Assert.Contains($"\"{field}\"", await AssertProblem(await http.GetAsync(path), HttpStatusCode.BadRequest));
        Assert.Contains("\"resolution\"", await AssertProblem(
            await http.GetAsync("/api/v1/devices/edge-9/telemetry?metric=cpu&resolution=5m"), HttpStatusCode.BadRequest));
        var taken = await http.PutAsJsonAsync("/api/v1/devices/edge-10", new { managementAddress = "10.6.0.9" });
        await AssertProblem(taken, HttpStatusCode.Conflict);
        await AssertProblem(await http.GetAsync("/api/v1/devices/edge-10"), HttpStatusCode.NotFound);

        using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/devices?limit=10"));
        Assert.Equal(1, page.RootElement.GetProperty("pagination").GetProperty("total").GetInt32());

        var dashboard = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string device, string json) =>
        http.PostAsync($"/api/v1/devices/{device}/telemetry", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }
}
