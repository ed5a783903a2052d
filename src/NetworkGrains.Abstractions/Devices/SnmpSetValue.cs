namespace NetworkGrains.Abstractions.Devices;

/// <summary>
/// One variable to SET on a device: the OID, a type as net-snmp's snmpset names it (i INTEGER, u Gauge32,
/// c Counter32, t TimeTicks, a IpAddress, o OBJECT IDENTIFIER, s STRING, x hex STRING) and the value as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.snmp-set-value.v1")]
public sealed record SnmpSetValue([property: Id(0)] string Oid, [property: Id(1)] char Type, [property: Id(2)] string Value);

/// <summary>The agent's answer: error status 0 (noError) means every variable was set.</summary>
[GenerateSerializer, Immutable, Alias("ng.snmp-set-result.v1")]
public sealed record SnmpSetResult([property: Id(0)] int ErrorStatus, [property: Id(1)] int ErrorIndex)
{
    public bool Succeeded => ErrorStatus == 0;
}
