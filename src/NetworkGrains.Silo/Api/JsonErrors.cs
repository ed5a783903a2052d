using System.Text.Json;

namespace NetworkGrains.Silo.Api;

public static class JsonErrors
{
    /// <summary>The parser's reason without the internals of the .NET type it was binding to.</summary>
    public static string Describe(JsonException ex) => ex.InnerException is FormatException or InvalidOperationException
        ? "malformed value"
        : ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown field"
        : ex.Message.Contains("could not be converted", StringComparison.Ordinal) ? "wrong type or unknown value"
        : "malformed JSON";
}
