using System.Text.RegularExpressions;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>What the vendor rules read from a message: the message as they left it, its vendor fields and its typed event (null kind: none).</summary>
public sealed record SyslogReading(
    SyslogMessage Message, string? Vendor, string? VendorFacility, string? Mnemonic, string? EventKind, string? Protocol, string? Subject);

/// <summary>The compiled vendor rules of every file, in file order: formats read a message, events type it.</summary>
public sealed class SyslogRules
{
    /// <summary>The capture names a format may use; others are refused when the file is loaded.</summary>
    public static readonly string[] Captures =
        ["sequence", "hostname", "appName", "procId", "timestamp", "date", "time", "vendorFacility", "vendorSeverity", "severity", "mnemonic", "message"];

    public static readonly string[] EventKinds =
        ["interface_down", "interface_up", "adjacency_down", "adjacency_up", "authentication_failure", "config_change", "environment_alarm"];

    public static readonly string[] Protocols = ["bgp", "ospf", "isis"];

    private static readonly string[] EventCaptures = ["subject", "protocol"];

    private readonly Format[] _formats;
    private readonly Event[] _events;
    private long _timeouts;

    /// <summary>Matches that ran past <see cref="GrokPatterns.MatchTimeout"/> (their rule did not match).</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    private SyslogRules(Format[] formats, Event[] events) => (_formats, _events) = (formats, events);

    public static SyslogRules Empty { get; } = new([], []);

    public int FormatCount => _formats.Length;
    public int EventCount => _events.Length;

    /// <summary>One file's rules, checked and compiled; throws <see cref="SyslogRuleException"/> naming the field and the reason.</summary>
    public static SyslogRules Compile(SyslogRuleFile file)
    {
        foreach (var name in file.Patterns.Keys)
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) throw new SyslogRuleException($"patterns.{name}", "a name of letters, digits and _");
        var formats = file.Formats.Select((rule, i) =>
        {
            var field = $"formats[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Match)) throw new SyslogRuleException($"{field}.match", "required");
            var regex = GrokPatterns.Compile(rule.Match, file.Patterns, $"{field}.match");
            var unknown = regex.GetGroupNames().Where(g => !int.TryParse(g, out _) && !Captures.Contains(g)).ToList();
            if (unknown.Count > 0) throw new SyslogRuleException($"{field}.match", $"unknown capture {unknown[0]} (known: {string.Join(", ", Captures)})");
            if (regex.GetGroupNames().Length <= 1) throw new SyslogRuleException($"{field}.match", "captures nothing");
            return new Format(file.Vendor, Set(rule.AppNames), regex, Captures.Select(regex.GroupNumberFromName).ToArray());
        }).ToArray();
        var events = file.Events.Select((rule, i) =>
        {
            var field = $"events[{i}]";
            if (!EventKinds.Contains(rule.Kind)) throw new SyslogRuleException($"{field}.kind", $"one of {string.Join(", ", EventKinds)}");
            if (rule.Protocol is { } protocol && !Protocols.Contains(protocol)) throw new SyslogRuleException($"{field}.protocol", $"one of {string.Join(", ", Protocols)}");
            if (rule.VendorFacilities is null && rule.Mnemonics is null && rule.AppNames is null && rule.Match is null)
                throw new SyslogRuleException(field, "needs a condition: vendorFacilities, mnemonics, appNames or match");
            Regex? regex = null;
            if (rule.Match is { } match)
            {
                regex = GrokPatterns.Compile(match, file.Patterns, $"{field}.match");
                var unknown = regex.GetGroupNames().Where(g => !int.TryParse(g, out _) && !EventCaptures.Contains(g)).ToList();
                if (unknown.Count > 0) throw new SyslogRuleException($"{field}.match", $"unknown capture {unknown[0]} (known: subject, protocol)");
            }
            var adjacency = rule.Kind.StartsWith("adjacency", StringComparison.Ordinal);
            if (adjacency && rule.Protocol is null && (regex is null || regex.GroupNumberFromName("protocol") < 0))
                throw new SyslogRuleException($"{field}.protocol", "an adjacency event needs its protocol (bgp, ospf or isis), set or captured");
            return new Event(rule.Kind, rule.Protocol, Set(rule.VendorFacilities), Set(rule.Mnemonics), Set(rule.AppNames), regex,
                regex?.GroupNumberFromName("subject") ?? -1, regex?.GroupNumberFromName("protocol") ?? -1);
        }).ToArray();
        return new SyslogRules(formats, events);
    }

    /// <summary>The rules of several files, in order.</summary>
    public static SyslogRules Combine(IEnumerable<SyslogRules> files)
    {
        var all = files.ToList();
        return new SyslogRules([.. all.SelectMany(f => f._formats)], [.. all.SelectMany(f => f._events)]);
    }

    /// <summary>Reads <paramref name="message"/> with the first format that matches, then types it with the first event that matches.</summary>
    public SyslogReading Read(SyslogMessage message, DateTimeOffset receivedAt, TimeZoneInfo zone)
    {
        string? vendor = null, facility = null, mnemonic = null;
        foreach (var format in _formats)
        {
            if (format.AppNames is not null && (message.AppName is null || !format.AppNames.Contains(message.AppName))) continue;
            var match = Match(format.Regex, message.Message);
            if (match is null) continue;
            (message, facility, mnemonic) = format.Apply(match, message, receivedAt, zone);
            vendor = format.Vendor;
            break;
        }
        foreach (var rule in _events)
        {
            if ((rule.Facilities is not null && (facility is null || !rule.Facilities.Contains(facility)))
                || (rule.Mnemonics is not null && (mnemonic is null || !rule.Mnemonics.Contains(mnemonic)))
                || (rule.AppNames is not null && (message.AppName is null || !rule.AppNames.Contains(message.AppName)))) continue;
            if (rule.Regex is null) return new SyslogReading(message, vendor, facility, mnemonic, rule.Kind, rule.Protocol, null);
            var match = Match(rule.Regex, message.Message);
            if (match is null) continue;
            var protocol = rule.ProtocolGroup >= 0 && match.Groups[rule.ProtocolGroup].Success ? match.Groups[rule.ProtocolGroup].Value.ToLowerInvariant() : rule.Protocol;
            if (protocol is not null && !Protocols.Contains(protocol)) continue;
            var subject = rule.SubjectGroup >= 0 && match.Groups[rule.SubjectGroup].Success ? match.Groups[rule.SubjectGroup].Value : null;
            return new SyslogReading(message, vendor, facility, mnemonic, rule.Kind, protocol, subject);
        }
        return new SyslogReading(message, vendor, facility, mnemonic, null, null, null);
    }

    private Match? Match(Regex regex, string text)
    {
        try
        {
            return regex.Match(text) is { Success: true } match ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            Interlocked.Increment(ref _timeouts);
            return null;
        }
    }

    private static HashSet<string>? Set(List<string>? values) => values is null ? null : new HashSet<string>(values, StringComparer.Ordinal);

    private sealed record Format(string? Vendor, HashSet<string>? AppNames, Regex Regex, int[] Groups)
    {
        public (SyslogMessage Message, string? Facility, string? Mnemonic) Apply(Match match, SyslogMessage message, DateTimeOffset receivedAt, TimeZoneInfo zone)
        {
            string? Capture(string name)
            {
                var group = Groups[Array.IndexOf(Captures, name)];
                return group >= 0 && match.Groups[group].Success ? match.Groups[group].Value : null;
            }
            var severity = message.Severity;
            if (Capture("vendorSeverity") is [>= '0' and <= '7'] vendorSeverity) severity = vendorSeverity[0] - '0';
            else if (Capture("severity") is { } named && SyslogPri.TryParseSeverity(named, out var parsed)) severity = parsed;
            var timestamp = message.Timestamp;
            var clock = Capture("timestamp") ?? (Capture("date") is { } date && Capture("time") is { } time ? $"{date} {time}" : null);
            if (clock is not null && SyslogClock.TryParseClock(clock, receivedAt, zone, out var parsedTime)) timestamp = parsedTime;
            message = message with
            {
                Severity = severity,
                Timestamp = timestamp,
                HostName = Capture("hostname") ?? message.HostName,
                AppName = Capture("appName") ?? message.AppName,
                ProcId = Capture("procId") ?? message.ProcId,
                Message = Capture("message") ?? message.Message,
            };
            return (message, Capture("vendorFacility"), Capture("mnemonic"));
        }
    }

    private sealed record Event(string Kind, string? Protocol, HashSet<string>? Facilities, HashSet<string>? Mnemonics, HashSet<string>? AppNames,
        Regex? Regex, int SubjectGroup, int ProtocolGroup);
}
