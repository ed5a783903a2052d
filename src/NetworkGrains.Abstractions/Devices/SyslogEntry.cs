namespace NetworkGrains.Abstractions.Devices;

/// <summary>What a syslog message says happened, as the vendor rules typed it (REST spells these in snake_case).</summary>
[GenerateSerializer, Alias("ng.syslog-event-kind.v1")]
public enum SyslogEventKind
{
    InterfaceDown = 1,
    InterfaceUp = 2,
    AdjacencyDown = 3,
    AdjacencyUp = 4,
    AuthenticationFailure = 5,
    ConfigChange = 6,
    EnvironmentAlarm = 7,
}

[GenerateSerializer, Immutable, Alias("ng.syslog-param.v1")]
public sealed record SyslogParam([property: Id(0)] string Name, [property: Id(1)] string Value);

/// <summary>An RFC 5424 SD-ELEMENT: its id and parameters as sent.</summary>
[GenerateSerializer, Immutable, Alias("ng.syslog-element.v1")]
public sealed record SyslogElement([property: Id(0)] string Id, [property: Id(1)] SyslogParam[] Params);

/// <summary>
/// One syslog message as its device received it. <see cref="Timestamp"/> is the sender's time (the time it was
/// received when the message carried none); <see cref="Severity"/> is the vendor's when the message carries one
/// (%LINEPROTO-5-UPDOWN: 5), else the PRI's. <see cref="Event"/> is the typed event the vendor rules found, with its
/// <see cref="Subject"/> (interface, neighbour, user, sensor) and <see cref="Protocol"/> (bgp, ospf, isis).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.syslog-entry.v1")]
public sealed record SyslogEntry(
    [property: Id(0)] DateTimeOffset ReceivedAt,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string SourceAddress,
    [property: Id(3)] string? HostName,
    [property: Id(4)] string? AppName,
    [property: Id(5)] string? ProcId,
    [property: Id(6)] string? MsgId,
    [property: Id(7)] int Facility,
    [property: Id(8)] int Severity,
    [property: Id(9)] string? VendorFacility,
    [property: Id(10)] string? Mnemonic,
    [property: Id(11)] string Message,
    [property: Id(12)] SyslogElement[] StructuredData,
    [property: Id(13)] SyslogEventKind? Event,
    [property: Id(14)] string? Subject,
    [property: Id(15)] string? Protocol);

/// <summary>Which of a device's newest messages to read: at most <see cref="Last"/>, at <see cref="MaxSeverity"/> or more severe, containing <see cref="Text"/> (any case).</summary>
[GenerateSerializer, Immutable, Alias("ng.syslog-query.v1")]
public sealed record SyslogQuery([property: Id(0)] int Last, [property: Id(1)] int? MaxSeverity = null, [property: Id(2)] string? Text = null)
{
    /// <summary>Whether the query asks for less than every message.</summary>
    public bool Filters => MaxSeverity is not null || Text is not null;

    public bool Matches(SyslogEntry entry) =>
        (MaxSeverity is not { } max || entry.Severity <= max) && (Text is not { } text || entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase));
}
