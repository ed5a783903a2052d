namespace NetworkGrains.Protocols.Snmp;

/// <summary>Why a datagram was not decoded; listeners count drops by this reason.</summary>
public enum SnmpDecodeError
{
    None = 0,
    Truncated,
    BadLength,
    UnexpectedTag,
    BadInteger,
    BadObjectIdentifier,
    UnsupportedVersion,
    UnsupportedPdu,
    TrailingBytes,
    TooDeep,
}
