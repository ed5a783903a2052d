using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkGrains.Silo.Api;

/// <summary>One JSON dialect for the whole API: camelCase, enums as snake_case strings, unknown fields refused.</summary>
public static class ApiJson
{
    /// <summary>How deep objects and arrays may nest in a body, JSON or YAML: deeper is refused before it is read further.</summary>
    public const int MaxDepth = 16;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MaxDepth = MaxDepth;
        return options;
    }

    /// <summary>
    /// Reads a request body as <typeparamref name="T"/>: malformed JSON is reported at the path where it went wrong,
    /// a JSON null with <paramref name="whenNull"/>.
    /// </summary>
    public static bool TryDeserialize<T>(ReadOnlySpan<byte> body, ValidationErrors errors, string whenNull, out T value) where T : class
    {
        value = null!;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Options)!;
        }
        catch (JsonException ex)
        {
            errors.Add(ex.Path is { Length: > 0 } path ? path : "$", JsonErrors.Describe(ex));
            return false;
        }
        if (value is not null) return true;
        errors.Add("$", whenNull);
        return false;
    }
}
