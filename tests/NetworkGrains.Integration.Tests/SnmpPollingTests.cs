using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Client;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Integration.Tests;

/// <summary>The silo polls net-snmp's snmpd: interface counters become rates in the device's windows, and polling survives a crash.</summary>
public sealed class SnmpPollingTests
{
    [Theory]
    [InlineData("v2c", "lab")]
    [InlineData("v3", "opsSha")]
    public async Task Polled_interface_counters_reach_the_device_windows_and_polling_resumes_after_kill_9(string version, string credential)
    {
        await using var agent = await SnmpAgent.StartAsync();
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Snmp__Communities__0__Name"] = "lab", ["Snmp__Communities__0__Community"] = "public",
            ["Snmp__Users__0__Name"] = "opsSha", ["Snmp__Users__0__Auth"] = "Sha1", ["Snmp__Users__0__AuthPassword"] = "authpass123",
            ["Snmp__Users__0__Priv"] = "Aes128", ["Snmp__Users__0__PrivPassword"] = "privpass123",
            ["Devices__PollingKeepAlive"] = "00:00:03",
            ["Cluster__Reminders__MinimumReminderPeriod"] = "00:00:01",
        };
        var cluster = $"poll{Guid.NewGuid():N}"[..16];
        SiloPorts ports;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings))
        {
            ports = silo.Ports;
            await silo.Http.PutDeviceAsync("agent-1", "127.0.0.1");
            using var put = await silo.Http.PutAsJsonAsync("/api/v1/devices/agent-1/polling",
                new { version, credential, port = agent.Endpoint.Port, interval = "00:00:01", oidSets = new[] { "system", "interfaces" } });
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

            var octets = await WaitForSeries(silo, "ifHCInOctets", minimumCount: 1);
            Assert.Contains(octets, s => s.GetProperty("instance").GetString() == "1"); // lo's ifIndex
            await WaitForSeries(silo, "sysUpTime", minimumCount: 2);
            await silo.KillAsync();
        }

        // Nobody calls the device after the restart: its reminder reactivates it and polling goes on.
        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings, ports);
        var before = (await WaitForSeries(restarted, "sysUpTime", 1)).Single().GetProperty("count").GetInt32();
        var after = await WaitForSeries(restarted, "sysUpTime", before + 2);
        Assert.True(after.Single().GetProperty("count").GetInt32() >= before + 2);
    }

    [Fact]
    public async Task A_set_through_the_device_uses_its_credential_and_changes_the_agent()
    {
        await using var agent = await SnmpAgent.StartAsync();
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"set{Guid.NewGuid():N}"[..16];
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, new Dictionary<string, string>
        {
            ["Snmp__Users__0__Name"] = "opsSha", ["Snmp__Users__0__Auth"] = "Sha1", ["Snmp__Users__0__AuthPassword"] = "authpass123",
            ["Snmp__Users__0__Priv"] = "Aes128", ["Snmp__Users__0__PrivPassword"] = "privpass123",
        });
        await silo.Http.PutDeviceAsync("agent-3", "127.0.0.1");
        using var put = await silo.Http.PutAsJsonAsync("/api/v1/devices/agent-3/polling",
            new { version = "v3", credential = "opsSha", port = agent.Endpoint.Port, interval = "01:00:00", oidSets = Array.Empty<string>() });
        Assert.True(put.IsSuccessStatusCode);

        // A rule engine in another process would do this through the client SDK.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddNetworkGrainsClient(o => (o.ClusterId, o.ServiceId, o.PostgresConnectionString) = (cluster, cluster, database.ConnectionString));
        using var app = builder.Build();
        await app.StartAsync();
        var contact = $"noc-{Guid.NewGuid():N}@example.net";
        var result = await app.Services.GetRequiredService<IClusterClient>().GetGrain<IDeviceGrain>("agent-3")
            .SnmpSet([new SnmpSetValue("1.3.6.1.2.1.1.4.0", 's', contact)]);
        Assert.True(result.Succeeded);

        await using var client = new SnmpClient();
        var read = await client.GetAsync(agent.V2c("public"), [Oid.Parse("1.3.6.1.2.1.1.4.0")]);
        Assert.Equal(contact, System.Text.Encoding.UTF8.GetString(read.VarBinds[0].Value.AsBytes));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_polling_profile_with_an_unknown_credential_or_set_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"pollbad{Guid.NewGuid():N}"[..16]);
        await silo.Http.PutDeviceAsync("agent-2", "127.0.0.1");

        using var response = await silo.Http.PutAsJsonAsync("/api/v1/devices/agent-2/polling",
            new { version = "v3", credential = "nobody", interval = "00:00:00", oidSets = new[] { "everything" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "credential", "interval", "oidSets" }) Assert.Contains($"\"{field}\"", body);
    }

    private static async Task<JsonElement[]> WaitForSeries(SiloProcess silo, string metric, int minimumCount)
    {
        var clock = Stopwatch.StartNew();
        JsonElement[] matching = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var series = JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/devices/agent-1/series"));
            matching = series.RootElement.EnumerateArray().Where(s => s.GetProperty("metric").GetString() == metric).Select(s => s.Clone()).ToArray();
            if (matching.Length > 0 && matching.Max(s => s.GetProperty("count").GetInt32()) >= minimumCount) return matching;
            await Task.Delay(250);
        }
        Assert.Fail($"{metric} did not reach {minimumCount} points\n{silo.Tail()}");
        return matching;
    }
}
