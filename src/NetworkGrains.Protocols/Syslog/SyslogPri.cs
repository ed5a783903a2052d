namespace NetworkGrains.Protocols.Syslog;

/// <summary>The PRI part (RFC 5424 §6.2.1, RFC 3164 §4.1.1): facility * 8 + severity, at most 191, and their names as rsyslog spells them.</summary>
public static class SyslogPri
{
    public const int Max = 191;

    private static readonly string[] FacilityNames =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security",
        "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] SeverityNames = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>Other spellings the severity filter takes (logger's and RFC 5424's words).</summary>
    private static readonly Dictionary<string, int> SeverityAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["panic"] = 0, ["emergency"] = 0, ["critical"] = 2, ["error"] = 3, ["warn"] = 4, ["informational"] = 6, ["information"] = 6,
    };

    public static string FacilityName(int facility) => (uint)facility < FacilityNames.Length ? FacilityNames[facility] : facility.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string SeverityName(int severity) => (uint)severity < SeverityNames.Length ? SeverityNames[severity] : severity.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A severity by number (0-7) or name (err, error, warning, ...).</summary>
    public static bool TryParseSeverity(string text, out int severity)
    {
        if (text.Length == 1 && text[0] is >= '0' and <= '7') { severity = text[0] - '0'; return true; }
        severity = Array.FindIndex(SeverityNames, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (severity >= 0) return true;
        return SeverityAliases.TryGetValue(text, out severity);
    }

    /// <summary>
    /// Reads "&lt;PRI&gt;" at the start: 1 to 3 digits. <see cref="SyslogError.MissingPri"/> when there is none,
    /// <see cref="SyslogError.InvalidPri"/> when it is not a number up to 191.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out int pri, out int consumed, out SyslogError error)
    {
        (pri, consumed, error) = (0, 0, SyslogError.None);
        if (data.IsEmpty || data[0] != (byte)'<' || data.Length < 2 || data[1] is < (byte)'0' or > (byte)'9')
        {
            error = SyslogError.MissingPri;
            return false;
        }
        var i = 1;
        for (; i < data.Length && i <= 4 && data[i] is >= (byte)'0' and <= (byte)'9'; i++) pri = pri * 10 + (data[i] - '0');
        if (i > 4 || (uint)i >= (uint)data.Length || data[i] != (byte)'>' || pri > Max)
        {
            error = SyslogError.InvalidPri;
            return false;
        }
        consumed = i + 1;
        return true;
    }
}
