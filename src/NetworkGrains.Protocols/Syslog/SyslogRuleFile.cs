namespace NetworkGrains.Protocols.Syslog;

/// <summary>
/// A vendor rule file as written (config/syslog/*.yaml): named patterns, formats that read a vendor's message
/// (the first that matches wins) and events that type a read message (the first that matches wins).
/// </summary>
public sealed class SyslogRuleFile
{
    public string? Vendor { get; set; }
    public Dictionary<string, string> Patterns { get; set; } = [];
    public List<SyslogFormatRule> Formats { get; set; } = [];
    public List<SyslogEventRule> Events { get; set; } = [];
}

/// <summary>
/// A pattern over the message text, tried when the message's app name is one of <see cref="AppNames"/> (any when
/// unset). Its captures set the fields they are named after (<see cref="SyslogRules.Captures"/>).
/// </summary>
public sealed class SyslogFormatRule
{
    public string? Name { get; set; }
    public List<string>? AppNames { get; set; }
    public string Match { get; set; } = "";
}

/// <summary>
/// A typed device event (<see cref="SyslogRules.EventKinds"/>): every condition that is set must hold (vendor facility,
/// mnemonic or app name one of the listed, the pattern matching the message); the pattern may capture the event's
/// <c>subject</c> (interface, neighbour, user, sensor) and <c>protocol</c>.
/// </summary>
public sealed class SyslogEventRule
{
    public string Kind { get; set; } = "";
    public string? Protocol { get; set; }
    public List<string>? VendorFacilities { get; set; }
    public List<string>? Mnemonics { get; set; }
    public List<string>? AppNames { get; set; }
    public string? Match { get; set; }
}
