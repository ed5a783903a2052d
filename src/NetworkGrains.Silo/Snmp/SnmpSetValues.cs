using System.Globalization;
using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>snmpset's type letters to SNMP values; a value that does not fit its type is refused with the reason.</summary>
public static class SnmpSetValues
{
    public static VarBind ToVarBind(SnmpSetValue value)
    {
        if (!Oid.TryParse(value.Oid, out var oid)) throw new ArgumentException($"'{value.Oid}' is not an OID.");
        var text = value.Value;
        var snmpValue = value.Type switch
        {
            'i' => SnmpValue.Integer(int.Parse(text, CultureInfo.InvariantCulture)),
            'u' => SnmpValue.Gauge32(uint.Parse(text, CultureInfo.InvariantCulture)),
            'c' => SnmpValue.Counter32(uint.Parse(text, CultureInfo.InvariantCulture)),
            't' => SnmpValue.TimeTicks(uint.Parse(text, CultureInfo.InvariantCulture)),
            'a' => SnmpValue.IpAddress(IPAddress.Parse(text)),
            'o' => SnmpValue.ObjectIdentifier(Oid.Parse(text)),
            's' => SnmpValue.OctetString(text),
            'x' => SnmpValue.OctetString(Convert.FromHexString(text)),
            _ => throw new ArgumentException($"'{value.Type}' is not an SNMP SET type (i u c t a o s x)."),
        };
        return new VarBind(oid, snmpValue);
    }
}
