using System.Text.RegularExpressions;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>A command as typed: which one, its arguments in order, and its --options.</summary>
public sealed record ChatCommand(ChatCommandSpec Spec, string[] Arguments, IReadOnlyDictionary<string, string> Options)
{
    public string? Option(string name) => Options.GetValueOrDefault(name);
}

/// <summary>What could not be understood, and the commands that were probably meant.</summary>
public sealed record ChatCommandError(string Message, ChatCommandSpec[] Suggestions);

/// <summary>
/// Reads a chat message as a command: mentions of the bot removed, a leading "/" optional, words matched to the
/// longest command, then arguments and --options (quotes keep spaces). Anything else is an error with suggestions.
/// </summary>
public static partial class ChatCommandParser
{
    public const int MaxLength = 1_000;

    public static bool TryParse(string? text, out ChatCommand command, out ChatCommandError error)
    {
        command = null!;
        error = null!;
        var cleaned = Mention().Replace(text ?? "", " ").Trim();
        if (cleaned.Length > MaxLength)
        {
            error = new ChatCommandError($"That message is longer than {MaxLength} characters.", []);
            return false;
        }

        var tokens = Tokens(cleaned.TrimStart('/'));
        if (tokens.Count == 0)
        {
            error = new ChatCommandError("Say what you need; try help.", [ChatCommands.Help]);
            return false;
        }

        var spec = ChatCommands.All.Where(c => c.Words.Length <= tokens.Count && c.Words.SequenceEqual(tokens.Take(c.Words.Length), StringComparer.OrdinalIgnoreCase))
            .MaxBy(c => c.Words.Length);
        if (spec is null)
        {
            error = new ChatCommandError($"I do not know \"{string.Join(' ', tokens.Take(3))}\".", Suggest(tokens));
            return false;
        }

        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = spec.Words.Length; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Add(tokens[i]);
                continue;
            }

            var name = tokens[i][2..];
            if (!spec.RequiredOptions.Concat(spec.OptionalOptions).Contains(name, StringComparer.OrdinalIgnoreCase))
                return Fail(spec, $"{spec.Usage.Split(' ')[0]} has no option --{name}.", out error);
            if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal)) return Fail(spec, $"--{name} needs a value.", out error);
            options[name] = tokens[++i];
        }

        if (arguments.Count != spec.Arguments.Length)
            return Fail(spec, spec.Arguments.Length == 0 ? "That command takes no arguments." : $"That command needs {string.Join(" and ", spec.Arguments)}.", out error);
        if (spec.RequiredOptions.FirstOrDefault(o => !options.ContainsKey(o)) is { } missing) return Fail(spec, $"--{missing} is required.", out error);
        command = new ChatCommand(spec, [.. arguments], options);
        return true;
    }

    private static bool Fail(ChatCommandSpec spec, string message, out ChatCommandError error)
    {
        error = new ChatCommandError(message, [spec]);
        return false;
    }

    /// <summary>The commands whose words are closest to what was typed (edit distance of the first words).</summary>
    private static ChatCommandSpec[] Suggest(List<string> tokens) =>
        [.. ChatCommands.All
            .Select(c => (Spec: c, Distance: Distance(string.Join(' ', c.Words).ToLowerInvariant(), string.Join(' ', tokens.Take(c.Words.Length)).ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, string.Join(' ', c.Spec.Words).Length / 3))
            .OrderBy(c => c.Distance).Take(3).Select(c => c.Spec)];

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }

    private static List<string> Tokens(string text) =>
        [.. Token().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    [GeneratedRegex(@"<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex(@"""([^""]*)""|(\S+)")]
    private static partial Regex Token();
}
