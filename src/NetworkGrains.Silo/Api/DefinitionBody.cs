using Microsoft.AspNetCore.Http.HttpResults;

namespace NetworkGrains.Silo.Api;

/// <summary>The body of a rule or workflow definition: JSON, or YAML when the Content-Type says so (application/yaml).</summary>
public static class DefinitionBody
{
    /// <summary>The body as JSON, or the 413 to answer for a body too large; YAML that does not read is an InvalidInputProblem.</summary>
    public static async Task<(byte[]? Json, ProblemHttpResult? TooLarge)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null) return (null, RequestBody.TooLarge(maxBytes));
        if (!YamlDocuments.IsYaml(request.ContentType)) return (body, null);
        var errors = new ValidationErrors();
        return YamlDocuments.TryToJson(System.Text.Encoding.UTF8.GetString(body), errors, out var json) ? (json, null) : throw errors.ToProblem();
    }
}
