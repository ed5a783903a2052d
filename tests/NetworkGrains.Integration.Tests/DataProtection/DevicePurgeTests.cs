using System.Net;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.DataProtection;

/// <summary>DELETE /api/v1/devices/{id}?purge=true: every table and grain state of the device, audited by counts, with the models trained on its rollups.</summary>
public sealed class DevicePurgeTests
{
    private const string Purged = "edge-p1", Kept = "edge-p2";

    [Fact]
    public async Task A_purge_deletes_the_devices_data_everywhere_audits_the_counts_and_names_the_models_trained_on_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var flushEverySecond = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"purge{Guid.NewGuid():N}"[..16], flushEverySecond);
        var http = silo.Http;
        foreach (var (device, address) in new[] { (Purged, "10.9.8.1"), (Kept, "10.9.8.2") })
        {
            await http.PutDeviceAsync(device, address);
            if (device == Purged) await http.PostCpuSpikeAsync(Purged); // 2 days ago: before the minutes
            await http.PostMinutesAsync(device, 0, 20);
            await database.WaitForCountAsync($"SELECT count(*) FROM telemetry_rollup WHERE device_id = '{device}' AND minute >= '{DeviceApi.Start.AddMinutes(-1):O}'", 39, TimeSpan.FromSeconds(20));
            await database.ScalarAsync<long>($"""
                WITH t AS (INSERT INTO snmp_trap (device_id, received_at, source_address, version, trap_oid, kind, security_name, is_inform, varbinds)
                           SELECT '{device}', now(), '{address}', 'v2c', '1.3.6.1.6.3.1.1.5.3', 'linkDown', 'public', false, '[]' FROM generate_series(1, 2) RETURNING 1),
                     f AS (INSERT INTO flow_top (device_id, minute, part, dimension, talker, flows, packets, bytes, undercount_packets, undercount_bytes)
                           SELECT '{device}', date_trunc('minute', now()), gen_random_uuid(), 'src', '10.0.0.' || i, 1, 1, 100, 0, 0 FROM generate_series(1, 3) i RETURNING 1)
                SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM f)
                """);
        }
        var anomalyId = await Poll.UntilAsync(async () =>
            (await http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies?device={Purged}", null, HttpStatusCode.OK)).GetProperty("items") is { } items && items.GetArrayLength() > 0
                ? items[0].GetProperty("id").GetString()!.AsMemory() : (ReadOnlyMemory<char>?)null);
        Assert.NotEqual("[]", await http.GetStringAsync($"/api/v1/devices/{Purged}/verdicts?last=100"));

        // Lineage: a model trained on a dataset built from the purged device's rollups.
        var span = new { from = DeviceApi.Start.AddMinutes(-1), to = DeviceApi.Start.AddMinutes(30) };
        await http.SendAsync(HttpMethod.Post, "/api/v1/datasets/p1-table/from-rollups",
            new { series = new object[] { new { device = Purged, metric = "cpu" }, new { device = Purged, metric = "ifHCInOctets", instance = "1" } }, span.from, span.to, layout = "table" },
            HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "p1-model", type = "anomaly_detection" }, HttpStatusCode.Created);
        var accepted = await http.SendAsync(HttpMethod.Post, "/api/v1/models/p1-model/train", new { dataset = "p1-table", algorithm = "pca" }, HttpStatusCode.Accepted);
        var job = await http.WaitForJobAsync($"/api/v1/training-jobs/{accepted.GetProperty("id").GetString()}");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());

        var refused = await http.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{Purged}", null, HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("purge", out _));
        await http.SendAsync(HttpMethod.Delete, "/api/v1/devices/nobody?purge=true", null, HttpStatusCode.NotFound);

        var result = await http.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{Purged}?purge=true", null, HttpStatusCode.OK);

        var deleted = result.GetProperty("deleted");
        Assert.Equal(1, deleted.GetProperty("device_state").GetInt64());
        Assert.True(deleted.GetProperty("rollups").GetInt64() >= 19, result.ToString());
        Assert.Equal(2, deleted.GetProperty("traps").GetInt64());
        Assert.Equal(3, deleted.GetProperty("flow_talkers").GetInt64());
        Assert.True(deleted.GetProperty("anomalies").GetInt64() >= 1, result.ToString());
        var model = Assert.Single(result.GetProperty("models").EnumerateArray());
        Assert.Equal("p1-model", model.GetProperty("model").GetString());
        Assert.Equal([1], model.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));

        foreach (var table in new[] { "telemetry_rollup", "snmp_trap", "flow_top", "anomaly" })
        {
            Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE device_id = '{Purged}'"));
            Assert.True(await database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE device_id = '{Kept}'") > 0 || table == "anomaly", table);
        }
        await http.SendAsync(HttpMethod.Get, $"/api/v1/devices/{Purged}", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, $"/api/v1/devices/{Purged}/verdicts?last=10", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{anomalyId}", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, $"/api/v1/devices/{Kept}", null, HttpStatusCode.OK);
        await http.PutDeviceAsync("edge-p3", "10.9.8.1"); // the address is free again

        var audit = await http.SendAsync(HttpMethod.Get, "/api/v1/audit?action=device:purge", null, HttpStatusCode.OK);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.StartsWith("key:tests-admin", entry.GetProperty("actor").GetString());
        Assert.Equal($"/api/v1/devices/{Purged}", entry.GetProperty("target").GetString());
        var summary = entry.GetProperty("summary").GetString()!;
        Assert.Contains($"traps 2", summary);
        Assert.Contains("p1-model v1", summary);
        Assert.DoesNotContain("10.9.8.1", audit.ToString());
        Assert.True(!entry.TryGetProperty("before", out var before) || before.ValueKind == JsonValueKind.Null);
        Assert.Matches("ng_deleted_rows_total\\{[^}]*kind=\"traps\"[^}]*reason=\"purge\"[^}]*\\} 2", await http.GetStringAsync("/metrics"));
    }
}
