using System.Diagnostics;
using System.Net;
using Npgsql;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Security;

/// <summary>
/// The Postgres profile's API is closed: keys made with ngctl, the seed's roles and permissions, a revoked key
/// refused at once, a flooding key throttled alone, and every change in the append-only audit trail.
/// </summary>
public sealed class ApiSecurityTests
{
    [Fact]
    public async Task Keys_roles_revocation_rate_limits_and_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"sec{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Api__Security__RequestsPerSecond"] = "2",
            ["Api__Security__Burst"] = "5",
        });
        using var anonymous = silo.CreateClient(null);
        using var viewer = silo.CreateClient(await Ngctl(database, "keys", "create", "--name", "vic", "--roles", "viewer"));
        using var engineer = silo.CreateClient(await TestKeys.CreateAsync(database.ConnectionString, "ml_engineer"));
        using var operatorKey = silo.CreateClient(await TestKeys.CreateAsync(database.ConnectionString, "operator"));

        // Without a key: only /health.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        var refused = await anonymous.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard")).StatusCode);

        // Roles: a viewer reads and may not change; metrics need an operator; a production deploy needs more than ml_engineer.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/devices")).StatusCode);
        var forbidden = await viewer.SendAsync(HttpMethod.Put, "/api/v1/devices/edge-1", new { managementAddress = "10.9.2.1" }, HttpStatusCode.Forbidden);
        Assert.Contains("device:write", forbidden.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorKey.GetAsync("/metrics")).StatusCode);
        await viewer.SendAsync(HttpMethod.Get, "/api/v1/audit", null, HttpStatusCode.Forbidden);
        await engineer.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "edge-anomaly", type = "anomaly_detection" }, HttpStatusCode.Created);
        await engineer.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/deploy", new { version = 1 }, HttpStatusCode.Forbidden);
        await engineer.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/deploy", new { version = 1, stage = "staging" }, HttpStatusCode.NotFound);
        await silo.Http.PutDeviceAsync("edge-1", "10.9.2.1");
        await silo.Http.PutDeviceAsync("edge-1", "10.9.2.2");

        // A flood from one key gets 429 with Retry-After; another key is not touched.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => viewer.GetAsync("/api/v1/devices"))); // at once: beyond the burst of 5 whatever the machine's speed
        var throttled = statuses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(throttled);
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await operatorKey.GetAsync("/api/v1/devices")).StatusCode);

        // A revoked key stops working at once.
        Assert.Contains("revoked vic", await Ngctl(database, "keys", "revoke", "--name", "vic"));
        var afterRevoke = await viewer.GetAsync("/api/v1/devices");
        for (var retry = 0; afterRevoke.StatusCode == HttpStatusCode.TooManyRequests && retry < 30; retry++) // still throttled: ask again when it says
        {
            await Task.Delay(afterRevoke.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            afterRevoke = await viewer.GetAsync("/api/v1/devices");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        var list = await Ngctl(database, "keys", "list");
        Assert.Contains("vic", list);
        Assert.DoesNotContain("ngk_", list);

        // Every change is in the audit trail, which cannot be rewritten.
        var audit = await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=rest", null, HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "PUT /api/v1/devices/{id}"
            && e.GetProperty("target").GetString() == "/api/v1/devices/edge-1" && e.GetProperty("actor").GetString()!.StartsWith("key:tests-admin", StringComparison.Ordinal));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "POST /api/v1/models"
            && e.GetProperty("roles")[0].GetString() == "ml_engineer");
        Assert.DoesNotContain(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("summary").GetString()!.StartsWith('4'));
        var deviceChanges = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == "/api/v1/devices/edge-1")
            .Select(e => (Before: e.GetProperty("before").GetString(), After: e.GetProperty("after").GetString())).ToList();
        Assert.Contains(deviceChanges, c => c.Before is null && c.After!.Contains("\"managementAddress\":\"10.9.2.1\"", StringComparison.Ordinal));
        Assert.Contains(("{\"managementAddress\":\"10.9.2.1\"}", "{\"managementAddress\":\"10.9.2.2\"}"), deviceChanges);
        await silo.Http.PostMinutesAsync("edge-1", 0, 2); // telemetry is data, not a change: not audited
        var after = await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=rest", null, HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString()!.EndsWith("/telemetry", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var rewrite = new NpgsqlCommand("UPDATE audit_log SET actor = 'nobody'", connection);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => rewrite.ExecuteNonQueryAsync())).MessageText);
        Assert.DoesNotContain("ngk_", silo.Log);
    }

    [Fact]
    public async Task Bearer_tokens_from_the_configured_identity_provider_carry_their_roles()
    {
        using var provider = new Teams.FakeBotFramework();
        const string issuer = "https://login.example/tenant", audience = "networkgrains-api";
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"jwt{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Api__Security__Jwt__MetadataUrl"] = provider.MetadataUrl,
            ["Api__Security__Jwt__Issuer"] = issuer,
            ["Api__Security__Jwt__Audience"] = audience,
        });
        string Token(string subject, string[] roles, string aud = audience, TimeSpan? expiresIn = null) =>
            provider.Sign(aud, "-", issuer, expiresIn: expiresIn, claims: new() { ["sub"] = subject, ["roles"] = roles });

        using var viewer = silo.CreateClient(Token("vic", ["viewer"]));
        using var admin = silo.CreateClient(Token("alice", ["network_admin"]));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/devices")).StatusCode);
        await viewer.SendAsync(HttpMethod.Put, "/api/v1/devices/edge-1", new { managementAddress = "10.9.4.1" }, HttpStatusCode.Forbidden);
        await admin.SendAsync(HttpMethod.Put, "/api/v1/devices/edge-1", new { managementAddress = "10.9.4.1" }, HttpStatusCode.Created);
        using var otherAudience = silo.CreateClient(Token("eve", ["admin"], aud: "another-api"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherAudience.GetAsync("/api/v1/devices")).StatusCode);
        using var expired = silo.CreateClient(Token("eve", ["admin"], expiresIn: TimeSpan.FromMinutes(-10)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/devices")).StatusCode);

        var audit = await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/audit?actor=jwt:alice", null, HttpStatusCode.OK);
        Assert.Equal("PUT /api/v1/devices/{id}", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
    }

    /// <summary>ngctl as a person runs it; its standard output.</summary>
    private static async Task<string> Ngctl(TestDatabase database, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [SiloProcess.BuiltDll("NetworkGrains.Cli", "ngctl.dll"), .. arguments, "--postgres", database.ConnectionString])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ngctl {string.Join(' ', arguments)}: {errors}");
        return output.Trim();
    }
}
