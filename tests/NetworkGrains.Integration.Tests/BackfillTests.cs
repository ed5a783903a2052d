using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests;

/// <summary>A backfill older than the window, in the Postgres profile: every minute it brings is kept.</summary>
public sealed class BackfillTests
{
    private const int Minutes = 1_510;

    [Fact]
    public async Task A_backfill_of_1510_minutes_in_one_request_reaches_telemetry_rollup_and_reads_back_minute_by_minute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var flushEverySecond = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"back{Guid.NewGuid():N}"[..16], flushEverySecond);
        await silo.Http.PutDeviceAsync("edge-b", "10.9.1.1");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds() / 60 * 60);

        var readings = Enumerable.Range(0, Minutes).Select(i => new { metric = "cpu", timestamp = start.AddMinutes(i), value = (double)i });
        using var posted = await silo.Http.PostAsJsonAsync("/api/v1/devices/edge-b/telemetry", readings);
        var receipt = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.IsSuccessStatusCode, receipt);
        Assert.Equal("""{"accepted":1510,"outOfOrder":0,"invalid":0,"discontinuities":0,"notKept":0}""", receipt);

        // Held by the device until its flush writes them, then read from PostgreSQL: the same minutes either way.
        AssertEveryMinute(start, await GetMinutesAsync(silo.Http, start));
        await database.WaitForCountAsync("SELECT count(*) FROM telemetry_rollup WHERE device_id = 'edge-b' AND metric = 'cpu'", Minutes, TimeSpan.FromSeconds(30));
        Assert.Equal(Minutes, await database.ScalarAsync<long>("SELECT sum(count) FROM telemetry_rollup WHERE device_id = 'edge-b' AND metric = 'cpu'"));
        AssertEveryMinute(start, await GetMinutesAsync(silo.Http, start));
    }

    private static void AssertEveryMinute(DateTimeOffset start, JsonElement[] rollups)
    {
        Assert.Equal(Enumerable.Range(0, Minutes).Select(i => start.AddMinutes(i)), rollups.Select(r => r.GetProperty("minute").GetDateTimeOffset()));
        Assert.Equal(Enumerable.Range(0, Minutes).Select(i => (double)i), rollups.Select(r => r.GetProperty("mean").GetDouble()));
    }

    private static async Task<JsonElement[]> GetMinutesAsync(HttpClient http, DateTimeOffset start)
    {
        var (from, to) = (Uri.EscapeDataString(start.ToString("O")), Uri.EscapeDataString(start.AddMinutes(Minutes).ToString("O")));
        using var response = await http.GetAsync($"/api/v1/devices/edge-b/telemetry?metric=cpu&resolution=1m&from={from}&to={to}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("rollups").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
