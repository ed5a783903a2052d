using System.Globalization;

namespace NetworkGrains.Cli;

/// <summary>`--name value` options after the command words; unknown options are an error, not a surprise.</summary>
public sealed class CommandLine(string[] args)
{
    private readonly Dictionary<string, string> _options = Parse(args);
    private readonly HashSet<string> _read = [];

    public int Int(string name, int fallback) => Get(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value : throw new UsageException($"--{name} must be a positive integer")
        : fallback;

    /// <summary>A duration in seconds, fractions allowed (`--warmup 0.5`).</summary>
    public double Seconds(string name, double fallback) => Get(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value : throw new UsageException($"--{name} must be a positive number of seconds")
        : fallback;

    public string? Text(string name) => Get(name);

    /// <summary>Call after reading every option: fails on options the command does not know.</summary>
    public void EnsureAllRead()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}");
    }

    private string? Get(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new UsageException($"expected '--name value', got '{args[i]}'");
            options[args[i][2..]] = args[++i];
        }
        return options;
    }
}

public sealed class UsageException(string message) : Exception(message);
