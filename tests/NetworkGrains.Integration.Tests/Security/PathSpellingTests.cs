using System.Net;
using System.Text;
using Npgsql;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Integration.Tests.Contract;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Integration.Tests.Security;

/// <summary>
/// Deny by default, whatever the spelling: every operation of the OpenAPI document (and /metrics, /dashboard/,
/// /openapi/v1.json) in upper, lower and mixed case, with a trailing slash, with its slashes %2F-encoded and doubled,
/// refuses a caller without a key, with a revoked key (401), and with a key that lacks the operation's permission (403).
/// Plain clients: these paths are not the document's, so the contract-checking client would object to them.
/// </summary>
public sealed class PathSpellingTests
{
    [Fact]
    public async Task No_spelling_of_a_path_reaches_a_handler_without_its_permission()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"spell{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            // The revoked key fails on purpose thousands of times here; FailedAuthenticationTests covers that limit.
            ["Api__Security__FailedAuthenticationBurst"] = "100000",
            ["Api__Security__Burst"] = "100000",
        });
        var operations = ApiOperation.From(await silo.Http.GetStringAsync("/openapi/v1.json"));
        var targets = operations.Where(o => o.Template != "/api/messages")
            .Select(o => (o.Method, Path: o.With("spell-1"), o.Permission ?? "(none)", o.BodyMediaType))
            .Concat([(HttpMethod.Get, "/metrics", "infrastructure:read", null), (HttpMethod.Get, "/dashboard/", "infrastructure:read", null),
                (HttpMethod.Get, "/openapi/v1.json", "docs:read", null)])
            .ToList();

        var revokedKey = await TestKeys.CreateAsync(database.ConnectionString, "admin");
        await RevokeAsync(database.ConnectionString, revokedKey);
        using var anonymous = Client(silo, null);
        using var revoked = Client(silo, revokedKey);
        using var roleless = Client(silo, await TestKeys.CreateAsync(database.ConnectionString));
        var byRole = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var requests = 0;
        async Task Expect(HttpClient client, HttpMethod method, string path, string? mediaType, string who, HttpStatusCode expected)
        {
            using var request = new HttpRequestMessage(method, client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path); // not relative: "//api" would name a host
            if (mediaType is not null) request.Content = new StringContent(mediaType == "application/json" ? "{}" : "x", Encoding.UTF8, mediaType);
            using var response = await client.SendAsync(request);
            requests++;
            if (response.StatusCode != expected) failures.Add($"{method} {path} {who}: {(int)response.StatusCode}, expected {(int)expected}");
        }

        foreach (var (method, path, permission, mediaType) in targets)
        {
            var lacking = Permissions.Roles.FirstOrDefault(role => !Permissions.Allows([role], permission));
            if (lacking is not null && !byRole.ContainsKey(lacking)) byRole[lacking] = Client(silo, await TestKeys.CreateAsync(database.ConnectionString, lacking));
            foreach (var spelling in Spellings(path))
            {
                await Expect(anonymous, method, spelling, mediaType, "without a key", HttpStatusCode.Unauthorized);
                await Expect(revoked, method, spelling, mediaType, "with a revoked key", HttpStatusCode.Unauthorized);
                await Expect(roleless, method, spelling, mediaType, "with a key without roles", HttpStatusCode.Forbidden);
                if (lacking is not null) await Expect(byRole[lacking], method, spelling, mediaType, $"as {lacking} (without {permission})", HttpStatusCode.Forbidden);
            }
        }

        foreach (var client in byRole.Values) client.Dispose();
        Assert.True(targets.Count >= 60 && requests >= targets.Count * 6 * 3, $"{targets.Count} targets, {requests} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests were not refused:\n{string.Join("\n", failures.Take(60))}");
    }

    /// <summary>The spellings a router that ignores case, or a proxy that normalises paths, might take for <paramref name="path"/>.</summary>
    private static IEnumerable<string> Spellings(string path) =>
    [
        path.ToUpperInvariant(),
        path.ToLowerInvariant(),
        string.Concat(path.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
        path.EndsWith('/') ? path + "/" : path + "/",
        "/" + path[1..].Replace("/", "%2F", StringComparison.Ordinal),
        "/" + path[1..].Replace("/", "%2f", StringComparison.Ordinal),
        path.Replace("/", "//", StringComparison.Ordinal),
    ];

    private static HttpClient Client(SiloProcess silo, string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.Ports.Http}"), Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private static async Task RevokeAsync(string connectionString, string key)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var id = key["ngk_".Length..].Split('_')[0];
        Assert.True(await new ApiKeys(dataSource).RevokeAsync(id));
    }
}
