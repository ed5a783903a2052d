using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>
/// The silo's own OpenAPI document as a contract for what it answers: an API response must belong to a documented
/// operation and status, carry a documented media type, and its JSON must match that response's schema (whose
/// objects refuse properties they do not name). The tests' HTTP clients check every response they get against it.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject _paths;
    private readonly JsonObject _schemas;
    private readonly (string Template, string[] Segments)[] _templates;
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new();

    public OpenApiContract(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        _paths = root["paths"]!.AsObject();
        _schemas = root["components"]?["schemas"]?.AsObject() ?? [];
        // Literal segments win over parameters, as in the server's routing (/models/{id} vs /models/{id}/versions).
        _templates = [.. _paths.Select(p => (p.Key, p.Key.Split('/'))).OrderBy(t => t.Item2.Count(s => s.StartsWith('{')))];
    }

    /// <summary>Why this response breaks the contract, or null when it keeps it (or lies outside the API).</summary>
    public string? Violation(HttpMethod method, string path, int status, string? mediaType, string body)
    {
        if (!path.StartsWith("/api/", StringComparison.Ordinal)) return null;
        var template = Match(path);
        if (template is null) return status is 404 or 405 ? null : $"{method} {path} answered {status} but no path of the document matches it";
        var operation = _paths[template]![method.Method.ToLowerInvariant()];
        if (operation is null) return status == 405 ? null : $"{method} {template} is not in the document";
        var response = operation["responses"]?[status.ToString()] ?? operation["responses"]?["default"];
        if (response is null) return $"{method} {template} answered {status}, which the document does not list";

        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return body.Length == 0 ? null : $"{method} {template} {status} has no body in the document but answered: {Shorten(body)}";
        if (mediaType is null || content[mediaType] is not { } media)
            return $"{method} {template} {status} answered '{mediaType}', the document says {string.Join(" or ", content.Select(c => c.Key))}";
        if (media["schema"] is not { } schema) return null;

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            return $"{method} {template} {status} is not JSON ({ex.Message}): {Shorten(body)}";
        }

        var result = Compile($"{method} {template} {status} {mediaType}", schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return null;
        var reasons = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct().Take(8);
        return $"{method} {path} {status} does not match its schema: {string.Join("; ", reasons)}\n{Shorten(body)}";
    }

    /// <summary>The document's path template that <paramref name="path"/> falls under, if any.</summary>
    public string? Match(string path)
    {
        var segments = path.Split('/');
        foreach (var (template, parts) in _templates)
        {
            if (parts.Length != segments.Length) continue;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
                matches = parts[i].StartsWith('{') ? segments[i].Length > 0 : string.Equals(parts[i], segments[i], StringComparison.Ordinal);
            if (matches) return template;
        }
        return null;
    }

    /// <summary>The response schema as a schema of its own: the document's components become its $defs.</summary>
    private JsonSchema Compile(string key, JsonNode schema) => _compiled.GetOrAdd(key, _ =>
    {
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _schemas.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = standalone.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:networkgrains:contract:{Guid.NewGuid():N}"));
    });

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "...";
}
