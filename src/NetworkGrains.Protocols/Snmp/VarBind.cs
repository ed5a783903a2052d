namespace NetworkGrains.Protocols.Snmp;

public readonly record struct VarBind(Oid Oid, SnmpValue Value)
{
    public override string ToString() => $"{Oid} = {Value}";
}
