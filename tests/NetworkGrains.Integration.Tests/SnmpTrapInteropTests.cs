using System.Text;
using System.Net.Http.Json;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetworkGrains.Integration.Tests;

/// <summary>net-snmp's snmptrap and snmpinform against the silo's trap receiver, every version, right and wrong credentials.</summary>
public sealed class SnmpTrapInteropTests
{
    private const string Engine = "0x80001f88040102030405";

    [Fact]
    public async Task Net_snmp_traps_and_informs_arrive_on_the_device_and_bad_credentials_are_counted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var trapPort = SiloProcess.FreeUdpPort();
        var cluster = $"snmp{Guid.NewGuid():N}"[..16];
        var settings = new Dictionary<string, string>
        {
            ["Snmp__TrapPort"] = trapPort.ToString(),
            ["Snmp__Communities__0__Name"] = "lab",
            ["Snmp__Communities__0__Community"] = "lab-community",
            ["Snmp__Users__0__Name"] = "opsSha",
            ["Snmp__Users__0__Auth"] = "Sha1", ["Snmp__Users__0__AuthPassword"] = "authpass123",
            ["Snmp__Users__0__Priv"] = "Aes128", ["Snmp__Users__0__PrivPassword"] = "privpass123",
            ["Snmp__Users__1__Name"] = "opsSha256",
            ["Snmp__Users__1__Auth"] = "Sha256", ["Snmp__Users__1__AuthPassword"] = "authpass123",
            ["Snmp__Users__1__Priv"] = "Aes256", ["Snmp__Users__1__PrivPassword"] = "privpass123",
        };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await silo.Http.PutDeviceAsync("lab-router", "127.0.0.1");
        var target = $"127.0.0.1:{trapPort}";
        var v3Sha = "-u opsSha -l authPriv -a SHA -A authpass123 -x AES -X privpass123";
        var v3Sha256 = "-u opsSha256 -l authPriv -a SHA-256 -A authpass123 -x AES-256 -X privpass123";

        await NetSnmp("snmptrap", $"-v 1 -c lab-community {target} 1.3.6.1.4.1.8072.2.3 127.0.0.1 2 0 100 1.3.6.1.2.1.2.2.1.1.7 i 7");
        await NetSnmp("snmptrap", $"-v 2c -c lab-community {target} 200 1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.7 i 7");
        await NetSnmp("snmptrap", $"-v 3 -e {Engine} {v3Sha} {target} 300 1.3.6.1.6.3.1.1.5.1");
        await NetSnmp("snmptrap", $"-v 3 -e {Engine} {v3Sha256} {target} 400 1.3.6.1.4.1.8072.9999.1 1.3.6.1.2.1.1.5.0 s edge-7");
        // Informs succeed only when net-snmp accepts our Response (v3: after discovering our engine through our Report).
        await NetSnmp("snmpinform", $"-v 2c -c lab-community -r 1 -t 3 {target} 500 1.3.6.1.6.3.1.1.5.2");
        await NetSnmp("snmpinform", $"-v 3 {v3Sha} -r 1 -t 3 {target} 600 1.3.6.1.6.3.1.1.5.5");
        await NetSnmp("snmptrap", $"-v 2c -c guessed {target} 700 1.3.6.1.6.3.1.1.5.4");
        await NetSnmp("snmptrap", $"-v 3 -e {Engine} -u opsSha -l authPriv -a SHA -A wrongpass123 -x AES -X privpass123 {target} 800 1.3.6.1.6.3.1.1.5.1");
        await NetSnmp("snmptrap", $"-v 3 -e {Engine} -u nobody -l authNoPriv -a SHA -A authpass123 {target} 900 1.3.6.1.6.3.1.1.5.1");

        var traps = await WaitForTraps(silo, 6);
        Assert.Equal(
            ["v1 1.3.6.1.6.3.1.1.5.3 link_down lab False", "v2c 1.3.6.1.6.3.1.1.5.4 link_up lab False",
             "v3 1.3.6.1.6.3.1.1.5.1 cold_start opsSha False", "v3 1.3.6.1.4.1.8072.9999.1 other opsSha256 False",
             "v2c 1.3.6.1.6.3.1.1.5.2 warm_start lab True", "v3 1.3.6.1.6.3.1.1.5.5 authentication_failure opsSha True"],
            traps.Select(t => $"{t.GetProperty("version")} {t.GetProperty("trapOid")} {t.GetProperty("kind")} {t.GetProperty("securityName")} {t.GetProperty("isInform").GetBoolean()}").Reverse());
        Assert.Contains(traps, t => t.GetProperty("varBinds").EnumerateArray().Any(v => v.GetProperty("value").GetString() == "edge-7"));

        // The Postgres profile also keeps every trap in snmp_trap.
        await database.WaitForCountAsync("SELECT count(*) FROM snmp_trap WHERE device_id = 'lab-router'", 6, TimeSpan.FromSeconds(10));
        Assert.Equal(1, await database.ScalarAsync<long>(
            "SELECT count(*) FROM snmp_trap WHERE kind = 'link_down' AND varbinds @> '[{\"oid\":\"1.3.6.1.2.1.2.2.1.1.7\",\"value\":\"7\"}]'"));

        var metrics = await silo.Http.GetStringAsync("/metrics");
        foreach (var reason in new[] { "unknown_community", "wrong_digest", "unknown_user" })
            Assert.Matches($@"ng_snmp_drops(_total)?\{{[^}}]*reason=""{reason}""[^}}]*\}} 1", metrics);
        Assert.DoesNotContain("lab-community", silo.Log);
        Assert.DoesNotContain("authpass123", silo.Log);

        // Traps are not grain state: after a restart the device reads them back from snmp_trap, in the same order.
        var ports = silo.Ports;
        await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings, ports);
        var reread = await WaitForTraps(restarted, 6);
        Assert.Equal(traps.Select(Summary), reread.Select(Summary));
        Assert.Equal(traps.Select(t => t.GetProperty("varBinds").ToString()), reread.Select(t => t.GetProperty("varBinds").ToString()));
    }

    [Fact]
    public async Task Credentials_created_through_the_api_take_traps_at_once_survive_a_restart_and_never_come_back_out()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"cred{Guid.NewGuid():N}"[..16];
        var settings = new Dictionary<string, string>
        {
            ["Snmp__TrapPort"] = SiloProcess.FreeUdpPort().ToString(),
            ["Snmp__Communities__0__Name"] = "lab", ["Snmp__Communities__0__Community"] = "lab-community",
        };
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await silo.Http.PutDeviceAsync("lab-router", "127.0.0.1");
        var target = $"127.0.0.1:{settings["Snmp__TrapPort"]}";

        using (var created = await silo.Http.PutAsJsonAsync("/api/v1/snmp/credentials/noc", new { type = "community", community = "noc-secret-7" }))
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        using (var user = await silo.Http.PutAsJsonAsync("/api/v1/snmp/credentials/apiUser",
                   new { type = "usm", auth = "Sha256", authPassword = "api-auth-pass", priv = "Aes128", privPassword = "api-priv-pass" }))
            Assert.Equal(System.Net.HttpStatusCode.Created, user.StatusCode);
        await NetSnmp("snmptrap", $"-v 2c -c noc-secret-7 {target} 100 1.3.6.1.6.3.1.1.5.3");
        await NetSnmp("snmptrap", $"-v 3 -e {Engine} -u apiUser -l authPriv -a SHA-256 -A api-auth-pass -x AES -X api-priv-pass {target} 200 1.3.6.1.6.3.1.1.5.4");
        var traps = await WaitForTraps(silo, 2);
        Assert.Equal(["noc v2c", "apiUser v3"], traps.Reverse().Select(t => $"{t.GetProperty("securityName")} {t.GetProperty("version")}"));

        foreach (var (name, body, field) in new (string, object, string)[]
        {
            ("bad name!", new { type = "community", community = "x" }, "name"),
            ("c1", new { type = "telnet" }, "type"),
            ("c2", new { type = "community", community = "" }, "community"),
            ("u1", new { type = "usm", auth = "Sha1", authPassword = "short" }, "authPassword"),
            ("u2", new { type = "usm", priv = "Aes128", privPassword = "long-enough-1" }, "priv"),
            ("u3", new { type = "usm", auth = "Rot13", authPassword = "long-enough-1" }, "auth"),
        })
        {
            using var refused = await silo.Http.PutAsJsonAsync($"/api/v1/snmp/credentials/{Uri.EscapeDataString(name)}", body);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }
        foreach (var (raw, status) in new[]
        {
            ("{\"type\":\"community\",", System.Net.HttpStatusCode.BadRequest),                        // not JSON
            ("{\"type\":\"community\",\"community\":\"x\",\"colour\":1}", System.Net.HttpStatusCode.BadRequest), // unknown field
            ("{\"type\":\"community\",\"community\":\"" + new string('x', 5_000) + "\"}", System.Net.HttpStatusCode.RequestEntityTooLarge),
        })
        {
            using var refused = await silo.Http.PutAsync("/api/v1/snmp/credentials/raw", new StringContent(raw, Encoding.UTF8, "application/json"));
            Assert.Equal(status, refused.StatusCode);
        }
        using (var configured = await silo.Http.PutAsJsonAsync("/api/v1/snmp/credentials/lab", new { type = "community", community = "takeover" }))
            Assert.Equal(System.Net.HttpStatusCode.Conflict, configured.StatusCode);
        using (var unknown = await silo.Http.DeleteAsync("/api/v1/snmp/credentials/nobody"))
            Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);

        // Durable: a new silo reads them back from the store before the first trap.
        var ports = silo.Ports;
        await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings, ports);
        var listed = await restarted.Http.GetStringAsync("/api/v1/snmp/credentials");
        Assert.Contains("\"apiUser\"", listed);
        await NetSnmp("snmptrap", $"-v 2c -c noc-secret-7 {target} 300 1.3.6.1.6.3.1.1.5.1");
        Assert.Equal(3, (await WaitForTraps(restarted, 3)).Length);

        using (var removed = await restarted.Http.DeleteAsync("/api/v1/snmp/credentials/noc"))
            Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        await NetSnmp("snmptrap", $"-v 2c -c noc-secret-7 {target} 400 1.3.6.1.6.3.1.1.5.1");
        // The receiver has read and refused it (counted as a drop) before the device is asked: it kept its three.
        await Poll.UntilAsync(async () => Regex.IsMatch(await restarted.Http.GetStringAsync("/metrics"), @"ng_snmp_drops(_total)?\{[^}]*reason=""unknown_community""[^}]*\} 1\b"));
        Assert.Equal(3, (await WaitForTraps(restarted, 3)).Length);
        foreach (var secret in new[] { "noc-secret-7", "api-auth-pass", "api-priv-pass" })
        {
            Assert.DoesNotContain(secret, listed);
            Assert.DoesNotContain(secret, silo.Log + restarted.Log);
        }
    }

    private static string Summary(JsonElement trap) =>
        $"{trap.GetProperty("receivedAt")} {trap.GetProperty("sourceAddress")} {trap.GetProperty("version")} {trap.GetProperty("trapOid")} " +
        $"{trap.GetProperty("kind")} {trap.GetProperty("securityName")} {trap.GetProperty("isInform").GetBoolean()}";

    private static async Task<JsonElement[]> WaitForTraps(SiloProcess silo, int expected)
    {
        var clock = Stopwatch.StartNew();
        JsonElement[] traps = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/devices/lab-router/traps?last=100"));
            traps = json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            if (traps.Length >= expected) return traps;
            await Task.Delay(200);
        }
        Assert.Fail($"{traps.Length} of {expected} traps arrived\n{silo.Tail()}");
        return traps;
    }

    /// <summary>Runs a net-snmp command line tool without MIBs or persistent files of the machine's.</summary>
    internal static async Task NetSnmp(string tool, string arguments)
    {
        var home = Directory.CreateTempSubdirectory("ng-netsnmp-").FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "snmp.conf"), $"persistentDir {home}\n");
        var info = new ProcessStartInfo(tool, Regex.Split(arguments, @"\s+")) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["SNMPCONFPATH"] = home;
        info.Environment["MIBS"] = "";
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed ({process.ExitCode}): {errors}");
    }
}
