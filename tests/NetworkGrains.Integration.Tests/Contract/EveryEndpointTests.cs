using System.Net;
using System.Text;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>
/// Every operation the OpenAPI document lists, walked from the document itself (a new endpoint is covered the day it is
/// added): 401 without a key, 403 for a key without roles and for a seed role that lacks the route's permission, 400 for
/// a malformed JSON body (or 404 first where the route's resource does not exist) or an out-of-range page/limit/last, a 4xx for a malformed id. Every answer is also checked
/// against the document by the client.
/// </summary>
public sealed class EveryEndpointTests
{
    private const string BrokenJson = "{\"name\": ";

    [Fact]
    public async Task Every_operation_refuses_anonymous_and_unpermitted_callers_and_malformed_input()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"every{Guid.NewGuid():N}"[..16]);
        var operations = ApiOperation.From(await silo.Http.GetStringAsync("/openapi/v1.json"));
        Assert.True(operations.Count >= 60, $"only {operations.Count} operations in the document");

        using var anonymous = silo.CreateClient(null);
        using var roleless = silo.CreateClient(await TestKeys.CreateAsync(database.ConnectionString));
        var byRole = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        async Task Expect(HttpClient client, ApiOperation operation, string path, string? body, string why, params HttpStatusCode[] expected)
        {
            try
            {
                using var request = new HttpRequestMessage(operation.Method, path);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, operation.BodyMediaType ?? "application/json");
                using var response = await client.SendAsync(request);
                if (!expected.Contains(response.StatusCode))
                    failures.Add($"{operation} {why}: {(int)response.StatusCode}, expected {string.Join(" or ", expected.Select(e => (int)e))}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (ContractViolationException ex)
            {
                failures.Add($"{operation} {why}: {ex.Message}");
            }
        }

        foreach (var operation in operations)
        {
            var path = operation.With("every-1");
            var validBody = operation.BodyMediaType is null ? null : operation.BodyMediaType == "application/json" ? "{}" : "x";
            if (operation.Template != "/api/messages") // the Bot Framework's own token guards it (BotAuthenticationTests)
            {
                await Expect(anonymous, operation, path, validBody, "without a key", HttpStatusCode.Unauthorized);
                await Expect(roleless, operation, path, validBody, "with a key without roles", HttpStatusCode.Forbidden);
                if (operation.Permission is not { } permission)
                {
                    failures.Add($"{operation} declares no permission (x-permission)");
                    continue;
                }
                if (Permissions.Roles.FirstOrDefault(role => !Permissions.Allows([role], permission)) is { } lacking)
                {
                    if (!byRole.TryGetValue(lacking, out var client))
                        byRole[lacking] = client = silo.CreateClient(await TestKeys.CreateAsync(database.ConnectionString, lacking));
                    await Expect(client, operation, path, validBody, $"as {lacking} (without {permission})", HttpStatusCode.Forbidden);
                }
            }

            if (operation.BodyMediaType == "application/json") // a route may first find that its resource does not exist
                await Expect(silo.Http, operation, path, BrokenJson, "with a malformed JSON body",
                    operation.HasPathParameters ? [HttpStatusCode.BadRequest, HttpStatusCode.NotFound] : [HttpStatusCode.BadRequest]);
            foreach (var (parameter, value) in new[] { ("page", "0"), ("page", "2147483647"), ("limit", "100000"), ("limit", "99999999999"), ("last", "-1"), ("last", "99999999999d") })
                if (operation.QueryParameters.Contains(parameter))
                    await Expect(silo.Http, operation, $"{path}?{parameter}={value}", validBody, $"with {parameter}={value}", HttpStatusCode.BadRequest);
            if (operation.HasPathParameters && !operation.Template.EndsWith("{alias}", StringComparison.Ordinal))
                await Expect(silo.Http, operation, operation.With("bad%20id%3B"), validBody, "with a malformed id", HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        }

        foreach (var client in byRole.Values) client.Dispose();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
