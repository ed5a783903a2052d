namespace NetworkGrains.Abstractions.Devices;

/// <summary>The standard traps (RFC 3418 snmpTraps, RFC 2863 linkDown/linkUp) as typed device events.</summary>
[GenerateSerializer, Alias("ng.trap-kind.v1")]
public enum TrapKind
{
    Other = 0,
    ColdStart = 1,
    WarmStart = 2,
    LinkDown = 3,
    LinkUp = 4,
    AuthenticationFailure = 5,
}

[GenerateSerializer, Immutable, Alias("ng.trap-varbind.v1")]
public sealed record TrapVarBind([property: Id(0)] string Oid, [property: Id(1)] string Type, [property: Id(2)] string Value);

/// <summary>
/// One trap or inform as the device received it. <see cref="SecurityName"/> is the USM user (v3) or the name of the
/// configured community that matched (v1/v2c): never the community itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.trap-event.v1")]
public sealed record TrapEvent(
    [property: Id(0)] DateTimeOffset ReceivedAt,
    [property: Id(1)] string SourceAddress,
    [property: Id(2)] string Version,
    [property: Id(3)] string TrapOid,
    [property: Id(4)] TrapKind Kind,
    [property: Id(5)] string SecurityName,
    [property: Id(6)] bool IsInform,
    [property: Id(7)] TrapVarBind[] VarBinds);
