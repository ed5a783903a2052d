using System.Text;
using System.Text.RegularExpressions;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>
/// Grok-style patterns: regular expressions with <c>%{NAME}</c> (a named pattern) and <c>%{NAME:field}</c> (the same,
/// captured as <c>field</c>). Compiled to IL (a backtracking engine: the non-backtracking one takes 10-20 times as
/// long to extract captures) with a match timeout, so that a rule whose pattern backtracks badly on some message
/// costs at most <see cref="MatchTimeout"/> for it (and that rule does not match). The timeout is wall-clock time,
/// so it is generous: a starved process must not miss matches. Each pattern runs once when compiled (its code is
/// generated then, not in the middle of a message).
/// </summary>
public static partial class GrokPatterns
{
    private const int MaxDepth = 16;
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The patterns every rule file can use (after Logstash's, simplified).</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["INT"] = @"[+-]?[0-9]+",
        ["NONNEGINT"] = @"[0-9]+",
        ["NUMBER"] = @"[+-]?[0-9]+(?:\.[0-9]+)?",
        ["WORD"] = @"\w+",
        ["NOTSPACE"] = @"\S+",
        ["SPACE"] = @"\s*",
        ["DATA"] = @".*?",
        ["GREEDYDATA"] = @".*",
        ["QUOTEDSTRING"] = "\"(?:[^\"\\\\]|\\\\.)*\"",
        ["IPV4"] = @"(?:[0-9]{1,3}\.){3}[0-9]{1,3}",
        ["IPV6"] = @"[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+",
        ["IP"] = @"%{IPV6}|%{IPV4}",
        ["HOSTNAME"] = @"[0-9A-Za-z][0-9A-Za-z_.-]*",
        ["IPORHOST"] = @"%{IP}|%{HOSTNAME}",
        ["MONTH"] = @"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
        ["MONTHDAY"] = @"[0-9]{1,2}",
        ["YEAR"] = @"[0-9]{4}",
        ["TIME"] = @"[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?",
        ["TZ"] = @"[A-Z]{2,5}",
        ["ISO8601"] = @"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?",
        ["SYSLOGCLOCK"] = @"[*.]?(?:%{YEAR} )?%{MONTH} +%{MONTHDAY}(?: %{YEAR})? %{TIME}(?: %{TZ})?",
    };

    /// <summary>
    /// Expands and compiles <paramref name="pattern"/> with the built-in patterns and <paramref name="named"/> (which
    /// take precedence). Throws <see cref="SyslogRuleException"/> naming what is wrong.
    /// </summary>
    public static Regex Compile(string pattern, IReadOnlyDictionary<string, string> named, string field)
    {
        var expanded = Expand(pattern, named, field, 0, []);
        try
        {
            var regex = new Regex(expanded, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled, MatchTimeout);
            WarmUp(regex);
            return regex;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new SyslogRuleException(field, $"not a pattern: {ex.Message}");
        }
    }

    /// <summary>Runs the pattern once so its code is generated now; on a starved machine that can pass the match timeout, which is no fault of the rule.</summary>
    private static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch("<13>Mar  1 10:00:00 warm-up: %WARM-5-UP: Interface Gi0/1, changed state to up");
        }
        catch (RegexMatchTimeoutException)
        {
        }
    }

    private static string Expand(string pattern, IReadOnlyDictionary<string, string> named, string field, int depth, HashSet<string> active)
    {
        if (depth > MaxDepth) throw new SyslogRuleException(field, $"patterns nest deeper than {MaxDepth}");
        var expanded = new StringBuilder();
        var last = 0;
        foreach (Match reference in Reference().Matches(pattern))
        {
            expanded.Append(pattern, last, reference.Index - last);
            last = reference.Index + reference.Length;
            var name = reference.Groups["name"].Value;
            var body = named.TryGetValue(name, out var own) ? own : BuiltIn.GetValueOrDefault(name)
                ?? throw new SyslogRuleException(field, $"unknown pattern %{{{name}}}");
            if (!active.Add(name)) throw new SyslogRuleException(field, $"pattern %{{{name}}} refers to itself");
            var inner = Expand(body, named, field, depth + 1, active);
            active.Remove(name);
            expanded.Append(reference.Groups["field"].Success ? $"(?<{reference.Groups["field"].Value}>{inner})" : $"(?:{inner})");
        }
        expanded.Append(pattern, last, pattern.Length - last);
        return expanded.ToString();
    }

    [GeneratedRegex(@"%\{(?<name>[A-Za-z0-9_]+)(?::(?<field>[A-Za-z][A-Za-z0-9_]*))?\}")]
    private static partial Regex Reference();
}

/// <summary>A vendor rule that cannot be used: <see cref="Field"/> says where (formats[2].match), the message why.</summary>
public sealed class SyslogRuleException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
