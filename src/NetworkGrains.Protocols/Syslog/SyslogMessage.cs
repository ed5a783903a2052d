namespace NetworkGrains.Protocols.Syslog;

public enum SyslogFormat
{
    Rfc3164,
    Rfc5424,
}

/// <summary>One SD-PARAM of an SD-ELEMENT (RFC 5424 §6.3.3), its value unescaped.</summary>
public sealed record SyslogSdParam(string Name, string Value);

/// <summary>One SD-ELEMENT: its SD-ID and parameters in the order sent.</summary>
public sealed record SyslogSdElement(string Id, SyslogSdParam[] Params);

/// <summary>
/// A parsed syslog message. <see cref="Timestamp"/> is the sender's time resolved to an instant (RFC 3164's year and
/// zone as rsyslog resolves them), or null when the message carried none; header fields are null for NILVALUE.
/// </summary>
public sealed record SyslogMessage(
    int Facility,
    int Severity,
    SyslogFormat Format,
    DateTimeOffset? Timestamp,
    string? HostName,
    string? AppName,
    string? ProcId,
    string? MsgId,
    SyslogSdElement[] StructuredData,
    string Message);
