using System.Text;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>A variable binding as people read it: the type as net-snmp names it, printable strings as text, other bytes as hex.</summary>
public static class TrapVarBinds
{
    public static TrapVarBind From(VarBind varBind)
    {
        var value = varBind.Value;
        var (type, text) = value.Tag switch
        {
            BerTag.Integer => ("INTEGER", value.AsInt64.ToString()),
            BerTag.Counter32 => ("Counter32", value.AsUInt64.ToString()),
            BerTag.Gauge32 => ("Gauge32", value.AsUInt64.ToString()),
            BerTag.TimeTicks => ("Timeticks", value.AsUInt64.ToString()),
            BerTag.Counter64 => ("Counter64", value.AsUInt64.ToString()),
            BerTag.OctetString => IsPrintable(value.AsBytes) ? ("STRING", Encoding.UTF8.GetString(value.AsBytes)) : ("Hex-STRING", Convert.ToHexString(value.AsBytes)),
            BerTag.Opaque => ("Opaque", Convert.ToHexString(value.AsBytes)),
            BerTag.IpAddress => ("IpAddress", value.AsIpAddress!.ToString()),
            BerTag.ObjectIdentifier => ("OID", value.AsOid!.ToString()),
            BerTag.NoSuchObject => ("noSuchObject", ""),
            BerTag.NoSuchInstance => ("noSuchInstance", ""),
            BerTag.EndOfMibView => ("endOfMibView", ""),
            _ => ("NULL", ""),
        };
        return new TrapVarBind(varBind.Oid.ToString(), type, text);
    }

    private static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E && b is not (0x09 or 0x0A or 0x0D)) return false;
        }
        return true;
    }
}
