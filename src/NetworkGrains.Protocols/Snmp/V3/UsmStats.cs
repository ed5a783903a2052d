namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>The USM statistics a Report carries to say why a message was refused (RFC 3414 §5, usmStats).</summary>
public static class UsmStats
{
    public static readonly Oid NotInTimeWindows = Oid.Parse("1.3.6.1.6.3.15.1.1.2.0");
    public static readonly Oid UnknownEngineIds = Oid.Parse("1.3.6.1.6.3.15.1.1.4.0");
}
