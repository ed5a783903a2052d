using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetworkGrains.Integration.Tests.Deploy;

/// <summary>The metric names a Grafana dashboard's PromQL reads: its panels' targets and its query variables.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "inf", "nan"];

    /// <summary>Each query of the dashboard, with where it is (a panel's title or a variable's name).</summary>
    public static IEnumerable<(string Where, string Query)> Queries(JsonElement dashboard)
    {
        foreach (var panel in Panels(dashboard))
        {
            if (!panel.TryGetProperty("targets", out var targets)) continue;
            foreach (var target in targets.EnumerateArray()) yield return (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);
        }
        foreach (var variable in dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var query = variable.GetProperty("query");
            yield return ("$" + variable.GetProperty("name").GetString(), query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!);
        }
    }

    private static IEnumerable<JsonElement> Panels(JsonElement parent) =>
        parent.TryGetProperty("panels", out var panels) ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p)) : [];

    /// <summary>The metric names an expression selects: what is left once strings, matchers, ranges, grouping labels and function names are taken out.</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = Strings().Replace(expression, "");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = LabelValues().Replace(text, "$1");
        return Identifiers().Matches(text).Select(m => m.Value).Where(name => !Keywords.Contains(name)).ToHashSet();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\blabel_values\s*\(\s*([A-Za-z_:][\w:]*)\s*,[^)]*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"(?<![\w:$.])(?>[A-Za-z_:][\w:]*)(?!\s*\()")]
    private static partial Regex Identifiers();
}
