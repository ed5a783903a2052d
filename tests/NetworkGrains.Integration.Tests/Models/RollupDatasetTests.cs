using System.Net;

namespace NetworkGrains.Integration.Tests.Models;

/// <summary>Datasets made from the one-minute rollups the device grains wrote to PostgreSQL.</summary>
public sealed class RollupDatasetTests
{
    [Fact]
    public async Task Rollups_become_series_and_table_datasets_and_bad_requests_say_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        var flushEverySecond = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"rollds{Guid.NewGuid():N}"[..16], flushEverySecond);
        var http = silo.Http;
        await http.PutDeviceAsync("edge-7", "10.9.0.7");
        await http.PostMinutesAsync("edge-7", 0, 10);
        await database.WaitForCountAsync("SELECT count(*) FROM telemetry_rollup WHERE device_id = 'edge-7'", 19, TimeSpan.FromSeconds(20));
        var span = new { from = DeviceApi.Start.AddMinutes(-1), to = DeviceApi.Start.AddMinutes(20) };
        object[] series = [new { device = "edge-7", metric = "cpu" }, new { device = "edge-7", metric = "ifHCInOctets", instance = "1" }];

        var asSeries = await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/edge-series/from-rollups", new { series, span.from, span.to, layout = "series" }, HttpStatusCode.Created);
        var asTable = await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/edge-table/from-rollups", new { series, span.from, span.to, layout = "table" }, HttpStatusCode.Created);

        Assert.Equal(19, asSeries.GetProperty("rows").GetInt32());
        Assert.Equal(["series", "timestamp", "value"], asSeries.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(9, asTable.GetProperty("rows").GetInt32()); // the minutes with both: the first octet reading is only a baseline
        Assert.Equal(["timestamp", "cpu", "ifHCInOctets.1"], asTable.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        var labelled = await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/edge-labelled/from-rollups", new { series, span.from, span.to, layout = "table", labels = true },
            HttpStatusCode.Created);
        Assert.Equal(["timestamp", "cpu", "ifHCInOctets.1", "label"], labelled.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/x/from-rollups", new { series, span.from, span.to, layout = "cube" }, HttpStatusCode.BadRequest);
        var seriesLabels = await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/x/from-rollups", new { series, span.from, span.to, layout = "series", labels = true },
            HttpStatusCode.BadRequest);
        Assert.True(seriesLabels.GetProperty("errors").TryGetProperty("labels", out _));
        await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/x/from-rollups", new { series = Array.Empty<object>(), span.from, span.to, layout = "table" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/x/from-rollups", new { series, from = span.to, to = span.from, layout = "table" }, HttpStatusCode.BadRequest);
        var empty = await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/x/from-rollups",
            new { series = new[] { new { device = "nobody", metric = "cpu" } }, span.from, span.to, layout = "series" }, HttpStatusCode.BadRequest);
        Assert.Contains("at least one row", empty.GetProperty("detail").GetString());
    }
}
