using NetworkGrains.Protocols.Syslog;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// The vendor rules: every *.yaml / *.yml file of Syslog:RulesDirectory (default the "syslog" folder beside the silo,
/// copied from config/syslog), in name order, checked when the silo starts. A file that is not valid is logged
/// with the field and the reason, and skipped; the others are used.
/// </summary>
public static partial class SyslogRuleFiles
{
    public static SyslogRules Load(string? directory, ILogger logger)
    {
        directory ??= Path.Combine(AppContext.BaseDirectory, "syslog");
        if (!Directory.Exists(directory))
        {
            LogNoRules(logger, directory);
            return SyslogRules.Empty;
        }
        var loaded = new List<SyslogRules>();
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => Path.GetExtension(f) is ".yaml" or ".yml").Order(StringComparer.Ordinal))
        {
            if (TryLoad(File.ReadAllText(file), out var rules, out var field, out var reason))
            {
                loaded.Add(rules);
                LogLoaded(logger, file, rules.FormatCount, rules.EventCount);
            }
            else LogInvalid(logger, file, field, reason);
        }
        return SyslogRules.Combine(loaded);
    }

    /// <summary>One file's text: its compiled rules, or the field (JSON path) and reason it is refused for.</summary>
    public static bool TryLoad(string yaml, out SyslogRules rules, out string field, out string reason)
    {
        (rules, field, reason) = (SyslogRules.Empty, "", "");
        var errors = new ValidationErrors();
        if (!YamlDocuments.TryToJson(yaml, errors, out var json) || !ApiJson.TryDeserialize<SyslogRuleFile>(json, errors, "a rule file: vendor, patterns, formats, events", out var file))
        {
            (field, reason) = errors.ToDictionary().Select(e => (e.Key, string.Join(", ", e.Value))).First();
            return false;
        }
        try
        {
            rules = SyslogRules.Compile(file);
            return true;
        }
        catch (SyslogRuleException ex)
        {
            (field, reason) = (ex.Field, ex.Reason);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Syslog rule file {File} is not valid and was skipped: {Field}: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string file, string field, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog rules from {File}: {Formats} formats, {Events} events")]
    private static partial void LogLoaded(ILogger logger, string file, int formats, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No syslog rule directory {Directory}: messages are read as RFC 3164/5424 only, without vendor fields or events")]
    private static partial void LogNoRules(ILogger logger, string directory);
}
