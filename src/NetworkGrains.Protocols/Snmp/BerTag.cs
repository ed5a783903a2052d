namespace NetworkGrains.Protocols.Snmp;

/// <summary>The single-byte BER tags SNMP uses (RFC 1157, RFC 3416 and RFC 2578 application types).</summary>
public static class BerTag
{
    public const byte Integer = 0x02;
    public const byte OctetString = 0x04;
    public const byte Null = 0x05;
    public const byte ObjectIdentifier = 0x06;
    public const byte Sequence = 0x30;
    public const byte IpAddress = 0x40;
    public const byte Counter32 = 0x41;
    public const byte Gauge32 = 0x42;
    public const byte TimeTicks = 0x43;
    public const byte Opaque = 0x44;
    public const byte Counter64 = 0x46;
    public const byte NoSuchObject = 0x80;
    public const byte NoSuchInstance = 0x81;
    public const byte EndOfMibView = 0x82;
}
