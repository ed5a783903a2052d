namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// A fenced ```sh or ```bash block of the README or a doc: its text, the line of its first command, and, when the line
/// right above its fence is <c>&lt;!-- readme-test: skip: REASON --&gt;</c>, why it is not run.
/// </summary>
public sealed record ReadmeBlock(int Line, string Commands, string? SkipReason)
{
    public const string SkipMarker = "<!-- readme-test: skip:";

    public static IReadOnlyList<ReadmeBlock> Parse(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is not ("```sh" or "```bash")) continue;
            var end = Array.FindIndex(lines, i + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new FormatException($"line {i + 1}: the block is not closed");
            blocks.Add(new ReadmeBlock(i + 2, string.Join('\n', lines[(i + 1)..end]), i > 0 ? ReasonAbove(lines[i - 1], i) : null));
            i = end;
        }

        return blocks;
    }

    private static string? ReasonAbove(string line, int lineNumber)
    {
        if (!line.StartsWith(SkipMarker, StringComparison.Ordinal)) return null;
        var rest = line[SkipMarker.Length..].TrimEnd();
        return rest.EndsWith("-->", StringComparison.Ordinal)
            ? rest[..^3].Trim()
            : throw new FormatException($"line {lineNumber}: a skip marker ends with -->");
    }
}
