using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests;

/// <summary>The REST calls the tests make, as a user would with curl.</summary>
public static class DeviceApi
{
    public static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-30);

    public static async Task PutDeviceAsync(this HttpClient http, string id, string address)
    {
        using var response = await http.PutAsJsonAsync($"/api/v1/devices/{id}", new { managementAddress = address, site = "lab", tags = new[] { "test" } });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One cpu gauge and one octet counter per minute from <see cref="Start"/> + <paramref name="fromMinute"/>.</summary>
    public static async Task PostMinutesAsync(this HttpClient http, string id, int fromMinute, int count, DateTimeOffset? start = null)
    {
        var origin = start ?? Start;
        var readings = Enumerable.Range(fromMinute, count).SelectMany(i => new object[]
        {
            new { metric = "cpu", timestamp = origin.AddMinutes(i), value = (double)i },
            new { metric = "ifHCInOctets", instance = "1", timestamp = origin.AddMinutes(i), value = i * 6000.0, kind = "counter64" },
        });
        using var response = await http.PostAsJsonAsync($"/api/v1/devices/{id}/telemetry", readings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// 1,600 minutes of cpu (20-22) ending a day and a half ago, 400 at minute 1,500: enough history for the device's
    /// detector to call the spike rarer than 999 in 1,000 (a verdict, so an anomaly).
    /// </summary>
    public static async Task PostCpuSpikeAsync(this HttpClient http, string id)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var readings = Enumerable.Range(0, 1600).Select(i => new { metric = "cpu", timestamp = start.AddMinutes(i), value = i == 1500 ? 400.0 : 20 + i % 3 });
        using var posted = await http.PostAsJsonAsync($"/api/v1/devices/{id}/telemetry", readings);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
    }

    public static async Task<double[]> GetRawCpuAsync(this HttpClient http, string id, DateTimeOffset? start = null)
    {
        var from = Uri.EscapeDataString((start ?? Start).AddMinutes(-1).ToString("O"));
        using var response = await http.GetAsync($"/api/v1/devices/{id}/telemetry?metric=cpu&from={from}");
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToArray();
    }

    public static async Task<JsonElement[]> GetRollupsAsync(this HttpClient http, string id, string metric, string? instance = null)
    {
        var from = Uri.EscapeDataString(Start.AddMinutes(-1).ToString("O"));
        var query = $"metric={metric}&resolution=1m&from={from}" + (instance is null ? "" : $"&instance={instance}");
        using var response = await http.GetAsync($"/api/v1/devices/{id}/telemetry?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("rollups").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
