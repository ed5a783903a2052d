namespace NetworkGrains.Silo.Api;

/// <summary>The body of a rule or workflow definition: JSON, or YAML when the Content-Type says so (application/yaml).</summary>
public static class DefinitionBody
{
    public static async Task<(byte[]? Json, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null) return (null, RequestBody.TooLarge(maxBytes));
        if (!YamlDocuments.IsYaml(request.ContentType)) return (body, null);
        var errors = new ValidationErrors();
        return YamlDocuments.TryToJson(System.Text.Encoding.UTF8.GetString(body), errors, out var json) ? (json, null) : (null, errors.ToResult());
    }
}
