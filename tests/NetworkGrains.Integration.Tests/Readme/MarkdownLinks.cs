using System.Text;
using System.Text.RegularExpressions;

namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// The links and images of a Markdown document outside code (fenced blocks and `inline code`), and the anchors its
/// headings get on GitHub: lower case, punctuation dropped, spaces as hyphens, a repeated one numbered -1, -2, ...
/// </summary>
public static partial class MarkdownLinks
{
    public static IReadOnlyList<(int Line, string Target)> Targets(string markdown) =>
        Prose(markdown)
            .SelectMany(line => Link().Matches(InlineCode().Replace(line.Text, "")).Select(m => (line.Number, m.Groups["target"].Value)))
            .ToList();

    public static IReadOnlySet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in Prose(markdown))
        {
            var heading = Heading().Match(text);
            if (!heading.Success) continue;
            var slug = Slug(heading.Groups["title"].Value);
            var repeats = seen.GetValueOrDefault(slug);
            seen[slug] = repeats + 1;
            anchors.Add(repeats == 0 ? slug : $"{slug}-{repeats}");
        }

        return anchors;
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in Link().Replace(title.Trim(), "${text}").ToLowerInvariant())
        {
            if (c == ' ') slug.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
        }

        return slug.ToString();
    }

    private static IEnumerable<(int Number, string Text)> Prose(string markdown)
    {
        var inFence = false;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            else if (!inFence) yield return (i + 1, lines[i]);
        }
    }

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
