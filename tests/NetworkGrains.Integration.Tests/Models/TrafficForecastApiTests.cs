using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests.Models;

/// <summary>GET /api/v1/devices/{id}/traffic-forecast: the use case Teams' /predict traffic answers with, over REST.</summary>
public sealed class TrafficForecastApiTests
{
    private const int Hours = 40;

    [Fact]
    public async Task A_device_with_40_hours_of_traffic_gets_the_seasonal_naive_forecast_and_bad_input_is_refused_by_field()
    {
        await using var database = await TestDatabase.CreateAsync();
        var flushEverySecond = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"fcst{Guid.NewGuid():N}"[..16], flushEverySecond);
        await silo.Http.PutDeviceAsync("edge-f", "10.9.2.1");
        await silo.Http.PutDeviceAsync("edge-new", "10.9.2.2");

        // Inbound octets per second that follow the hour of the day, every 10 minutes for 40 hours.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(-Hours);
        var readings = Enumerable.Range(0, Hours * 6).Select(i => start.AddMinutes(i * 10))
            .Select(t => new { metric = "ifHCInOctets", instance = "1", timestamp = t, value = Rate(t) });
        using (var posted = await silo.Http.PostAsJsonAsync("/api/v1/devices/edge-f/telemetry", readings))
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await database.WaitForCountAsync("SELECT count(*) FROM telemetry_rollup WHERE device_id = 'edge-f' AND metric = 'ifHCInOctets'", Hours * 6, TimeSpan.FromSeconds(30));

        using var response = await silo.Http.GetAsync("/api/v1/devices/edge-f/traffic-forecast?horizon=6h");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var forecast = JsonDocument.Parse(body);
        Assert.Equal("edge-f", forecast.RootElement.GetProperty("deviceId").GetString());
        Assert.Equal("1", forecast.RootElement.GetProperty("instance").GetString());
        Assert.StartsWith("seasonal naive", forecast.RootElement.GetProperty("method").GetString());
        var points = forecast.RootElement.GetProperty("points").EnumerateArray().ToArray();
        var lastHour = start.AddHours(Hours - 1);
        Assert.Equal(Enumerable.Range(1, 6).Select(h => lastHour.AddHours(h)), points.Select(p => p.GetProperty("time").GetDateTimeOffset()));
        // The same hour a day before, in bits per second.
        Assert.Equal(points.Select(p => Rate(p.GetProperty("time").GetDateTimeOffset()) * 8), points.Select(p => p.GetProperty("bitsPerSecond").GetDouble()));

        using var defaulted = await silo.Http.GetAsync("/api/v1/devices/edge-f/traffic-forecast?instance=1");
        Assert.Equal(24, (await defaulted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").GetArrayLength());

        // ngctl reads the same route, as an operator would.
        var key = silo.Http.DefaultRequestHeaders.Authorization?.Parameter;
        var printed = await Simulation.Tools.NgctlAsync(key is null ? null : new Dictionary<string, string> { ["NG_API_KEY"] = key },
            "forecast", "traffic", "--device", "edge-f", "--horizon", "2h", "--silo", silo.Http.BaseAddress!.ToString().TrimEnd('/'));
        var first = lastHour.AddHours(1);
        Assert.Contains($"edge-f interface 1: seasonal naive", printed);
        Assert.Contains($"{first.UtcDateTime:yyyy-MM-dd HH:mm}Z {Rate(first) * 8,16:F0} bit/s", printed);

        foreach (var (query, field) in new[] { ("horizon=0h", "horizon"), ("horizon=25h", "horizon"), ("horizon=30m", "horizon"), ("horizon=soon", "horizon"), ($"instance={new string('x', 65)}", "instance") })
        {
            using var refused = await silo.Http.GetAsync($"/api/v1/devices/edge-f/traffic-forecast?{query}");
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)refused.StatusCode} {problem}");
            Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }

        using (var unknown = await silo.Http.GetAsync("/api/v1/devices/no-such-device/traffic-forecast"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var malformed = await silo.Http.GetAsync("/api/v1/devices/bad%20id%3B/traffic-forecast"))
            Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        using var young = await silo.Http.GetAsync("/api/v1/devices/edge-new/traffic-forecast");
        Assert.Equal(HttpStatusCode.Conflict, young.StatusCode);
        Assert.Contains("0 hours of traffic history", await young.Content.ReadAsStringAsync());
    }

    private static double Rate(DateTimeOffset time) => 1000 + 10 * time.Hour;
}
