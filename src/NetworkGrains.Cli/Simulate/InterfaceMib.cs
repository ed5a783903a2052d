using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// What a simulated SNMP agent serves: sysUpTime and the ifTable and ifXTable columns the poller walks for each
/// interface (plus any other OIDs), and the answer to a Get, GetNext or GetBulk over them with the caller's values.
/// </summary>
public static class InterfaceMib
{
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly Oid IfTable = Oid.Parse("1.3.6.1.2.1.2.2.1");
    public static readonly Oid IfXTable = Oid.Parse("1.3.6.1.2.1.31.1.1.1");

    /// <summary>The served OIDs in order (sorted, as GetNext walks them).</summary>
    public static Oid[] Oids(int interfaces, params Oid[] others)
    {
        uint[] ifTableColumns = [8, 13, 14, 19, 20];
        uint[] ifXTableColumns = [6, 10, 15];
        var oids = new List<Oid>(others) { SysUpTime };
        for (uint i = 1; i <= interfaces; i++)
        {
            oids.AddRange(ifTableColumns.Select(c => IfTable.Append(c, i)));
            oids.AddRange(ifXTableColumns.Select(c => IfXTable.Append(c, i)));
        }
        var sorted = oids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static Pdu Answer(Pdu request, Oid[] mib, Func<Oid, SnmpValue> value)
    {
        var varBinds = new List<VarBind>();
        foreach (var asked in request.VarBinds)
        {
            if (request.Type == PduType.GetRequest)
            {
                varBinds.Add(Array.BinarySearch(mib, asked.Oid) >= 0 ? new VarBind(asked.Oid, value(asked.Oid)) : new VarBind(asked.Oid, SnmpValue.NoSuchInstance));
                continue;
            }

            // GetNext (one) and GetBulk (max-repetitions): the next variables in OID order.
            var count = request.Type == PduType.GetBulkRequest ? Math.Max(1, request.MaxRepetitions) : 1;
            var next = Array.BinarySearch(mib, asked.Oid);
            next = next >= 0 ? next + 1 : ~next;
            for (var i = 0; i < count; i++, next++)
                varBinds.Add(next < mib.Length ? new VarBind(mib[next], value(mib[next])) : new VarBind(asked.Oid, SnmpValue.EndOfMibView));
        }
        return request with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0, VarBinds = varBinds };
    }
}
