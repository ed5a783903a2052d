using System.Text.Json.Nodes;

namespace NetworkGrains.Grains.Audit;

/// <summary>
/// What a change changed: the top-level fields of a resource that differ, as they were (<see cref="Before"/>) and as
/// they are (<see cref="After"/>), each a small JSON object (null when the resource did not exist on that side).
/// </summary>
public sealed record AuditChange(string? Before, string? After)
{
    private const int MaxValueLength = 120;
    private static readonly string[] SecretWords = ["secret", "password", "community", "token", "key"];

    public static AuditChange Between(JsonObject? before, JsonObject? after)
    {
        if (before is null && after is null) return new(null, null);
        var changed = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? [])
            .Where(name => before is null || after is null || !JsonNode.DeepEquals(before[name], after[name]))
            .ToList();
        return changed.Count == 0 ? new(null, null) : new(Summary(before, changed), Summary(after, changed));
    }

    private static string? Summary(JsonObject? state, List<string> fields)
    {
        if (state is null) return null;
        var summary = new JsonObject();
        foreach (var field in fields) summary[field] = Shown(field, state[field]);
        return summary.ToJsonString();
    }

    /// <summary>Scalars as they are (long ones cut), lists by their length, objects cut; anything secret-sounding hidden.</summary>
    private static JsonNode? Shown(string field, JsonNode? value)
    {
        if (value is null) return null;
        if (SecretWords.Any(word => field.Contains(word, StringComparison.OrdinalIgnoreCase))) return "***";
        if (value is JsonArray list) return $"[{list.Count} items]";
        var text = value.ToJsonString();
        return text.Length <= MaxValueLength ? value.DeepClone() : text[..MaxValueLength] + "...";
    }
}
