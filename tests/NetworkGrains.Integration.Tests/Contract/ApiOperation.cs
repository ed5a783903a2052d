using System.Text.Json;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>One operation of the served OpenAPI document: its method, path template, request body type, query parameters and the permission it needs (x-permission).</summary>
public sealed record ApiOperation(HttpMethod Method, string Template, string? BodyMediaType, string[] QueryParameters, string? Permission)
{
    public bool HasPathParameters => Template.Contains('{');

    /// <summary>The template with every path parameter set to <paramref name="value"/> ({version} to a number).</summary>
    public string With(string value) => string.Join('/', Template.Split('/').Select(s => !s.StartsWith('{') ? s : s == "{version}" ? "1" : value));

    public override string ToString() => $"{Method} {Template}";

    public static IReadOnlyList<ApiOperation> From(string document)
    {
        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths");
        return [.. paths.EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(operation => new ApiOperation(
            new HttpMethod(operation.Name.ToUpperInvariant()), path.Name,
            operation.Value.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").EnumerateObject().First().Name : null,
            operation.Value.TryGetProperty("parameters", out var parameters)
                ? [.. parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)]
                : [],
            operation.Value.TryGetProperty("x-permission", out var permission) ? permission.GetString() : null)))];
    }
}
