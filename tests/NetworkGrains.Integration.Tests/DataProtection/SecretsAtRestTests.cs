using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.DataProtection;

/// <summary>
/// Secrets set through the API are in no byte of a pg_dump; a rotated key ring still reads the old rows and seals
/// new ones under the new key; a wrong or missing key stops the silo at start with the key's id.
/// </summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task Secrets_are_sealed_in_storage_rotation_reads_old_rows_and_a_wrong_key_stops_the_start()
    {
        await using var database = await TestDatabase.CreateAsync();
        var keys = Directory.CreateTempSubdirectory("ng-dp-");
        var keyFile = Path.Combine(keys.FullName, "data-protection.keys");
        var k1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(keyFile, $"k1 {k1}\n");
        var settings = new Dictionary<string, string> { ["DataProtection__KeyFile"] = keyFile };
        var cluster = $"dp{Guid.NewGuid():N}"[..16];
        var tag = Guid.NewGuid().ToString("N")[..10];
        string[] secrets = [$"community-{tag}", $"authpass-{tag}", $"privpass-{tag}", $"hooksecret-{tag}", $"teamstoken-{tag}", $"stepsecret-{tag}"];

        SiloPorts ports;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings))
        {
            ports = silo.Ports;
            await SetSecretsAsync(silo.Http, secrets);
            await silo.Http.PutDeviceAsync("edge-dp", "10.9.7.1");

            var dump = await PgDump.DumpAsync(database.ConnectionString);
            Assert.Contains("edge-dp", dump);                                    // the dump has the data
            Assert.Contains(Convert.ToHexStringLower([0xA5, 0x4E, 0x47, 0x45, 0x01, 0x02, .. "k1"u8]), dump); // and sealed grain states
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, dump);
                Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), dump);
                Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), dump);
            }
            await silo.KillAsync();
        }

        // Rotation: k2 joins the ring and encrypts from now on; the rows under k1 still read.
        File.AppendAllText(keyFile, $"k2 {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        IReadOnlyDictionary<string, string> environment;
        await using (var rotated = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings, ports))
        {
            environment = rotated.Settings;
            var credentials = await rotated.Http.SendAsync(HttpMethod.Get, "/api/v1/snmp/credentials", null, HttpStatusCode.OK);
            Assert.Equal(["lab-v2", "lab-v3"], credentials.EnumerateArray().Where(c => c.GetProperty("source").GetString() == "api").Select(c => c.GetProperty("name").GetString()));
            var rule = await rotated.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/dp-rule", null, HttpStatusCode.OK);
            Assert.True(rule.GetProperty("actions")[0].GetProperty("hasSecret").GetBoolean());

            await rotated.Http.SendAsync(HttpMethod.Put, "/api/v1/snmp/credentials/lab-v2b", new { type = "community", community = $"second-{tag}" }, HttpStatusCode.Created);
            Assert.True(await database.ScalarAsync<long>(StatesUnder("k2")) >= 1);
            Assert.True(await database.ScalarAsync<long>(StatesUnder("k1")) >= 1);

            // An API key past its expiry is refused like a revoked one.
            var expiring = await TestKeys.CreateAsync(database.ConnectionString, "viewer");
            using var viewer = rotated.CreateClient(expiring);
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/devices")).StatusCode);
            await database.ScalarAsync<long>($"WITH expired AS (UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE id = '{expiring.Split('_')[1]}' RETURNING 1) SELECT count(*) FROM expired");
            Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/v1/devices")).StatusCode);
            await rotated.KillAsync();
        }

        // Another key under the id k1: the silo stops at start and says which key.
        File.WriteAllText(keyFile, $"k1 {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        var (code, output) = await SiloProcess.RunUntilExitAsync(environment);
        Assert.Equal(2, code);
        Assert.Contains("key 'k1' is not the key this database knows by that id", output);

        // A ring without the keys that states are sealed under: the same.
        File.WriteAllText(keyFile, $"k3 {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n");
        (code, output) = await SiloProcess.RunUntilExitAsync(environment);
        Assert.Equal(2, code);
        Assert.Matches(@"\d+ grain states are encrypted under key 'k1'.*which is not configured", output);
        keys.Delete(recursive: true);
    }

    private static async Task SetSecretsAsync(HttpClient http, string[] secrets)
    {
        await http.SendAsync(HttpMethod.Put, "/api/v1/snmp/credentials/lab-v2", new { type = "community", community = secrets[0] }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Put, "/api/v1/snmp/credentials/lab-v3",
            new { type = "usm", auth = "Sha256", authPassword = secrets[1], priv = "Aes128", privPassword = secrets[2] }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "dp-rule",
            trigger = new { devices = new[] { "edge-dp" } },
            actions = new object[]
            {
                new { type = "webhook", url = "http://127.0.0.1:9/hook", secret = secrets[3] },
                new { type = "teams_notify", url = $"https://teams.invalid/webhookb2/{secrets[4]}", text = "dp" },
            },
            cooldown = "1h",
        }, HttpStatusCode.Created);
        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/workflows", new
        {
            id = "dp-workflow",
            steps = new object[] { new { name = "tell", type = "action", action = new { type = "webhook", url = "http://127.0.0.1:9/wf", secret = secrets[5] } } },
        }, HttpStatusCode.Created);
    }

    private static string StatesUnder(string keyId) =>
        $"SELECT count(*) FROM orleans_storage WHERE substring(payload FROM 1 FOR {6 + keyId.Length}) = '\\x{Convert.ToHexStringLower([0xA5, 0x4E, 0x47, 0x45, 0x01, (byte)keyId.Length, .. Encoding.ASCII.GetBytes(keyId)])}'::bytea";
}
