using System.Net;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Teams;

namespace NetworkGrains.Integration.Tests.Security;

/// <summary>The served OpenAPI document: valid OpenAPI 3 (npm swagger-parser), behind a key like everything else, and listing the API's routes.</summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_is_valid_and_lists_the_routes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"oapi{Guid.NewGuid():N}"[..16]);
        using (var anonymous = silo.CreateClient(null))
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        var text = await silo.Http.GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Path.GetTempPath(), $"ng-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);
        var (exitCode, output) = await NodeTools.RunAsync("validate-openapi.mjs", file);
        File.Delete(file);

        Assert.True(exitCode == 0, output);
        var paths = JsonDocument.Parse(text).RootElement.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/devices/{id}", "put"), ("/api/v1/anomalies", "get"), ("/api/v1/models/{id}/train", "post"),
                     ("/api/v1/automation/workflows/{id}/runs", "post"), ("/api/v1/chatops/notifications", "post"), ("/api/v1/audit", "get"), ("/api/messages", "post"),
                 })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is not in the document");
    }
}
