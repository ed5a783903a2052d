namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>Why USM refused a message (RFC 3414 §3.2), counted per reason by listeners.</summary>
public enum UsmError
{
    None = 0,
    UnknownUser,
    UnsupportedSecurityLevel,
    WrongDigest,
    DecryptionError,
    NotInTimeWindow,
    UnknownEngineId,
}
