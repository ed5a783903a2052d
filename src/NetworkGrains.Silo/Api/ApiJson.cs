using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkGrains.Silo.Api;

/// <summary>One JSON dialect for the whole API: camelCase, enums as snake_case strings, unknown fields refused.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MaxDepth = 16;
        return options;
    }
}
