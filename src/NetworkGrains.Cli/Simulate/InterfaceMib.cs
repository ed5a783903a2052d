using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// What a simulated SNMP agent serves: sysUpTime and the ifTable and ifXTable columns the poller walks for each
/// interface (plus any other OIDs), a device's values for them at a time, and the answer to a Get, GetNext or
/// GetBulk over them with the caller's values.
/// </summary>
public static class InterfaceMib
{
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly Oid HrProcessorLoad = Oid.Parse("1.3.6.1.2.1.25.3.3.1.2.1");
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

    /// <summary>The device's value of a served OID at <paramref name="now"/> (its counters advanced to then).</summary>
    public static SnmpValue Value(FleetDevice device, Oid oid, DateTimeOffset now)
    {
        device.Advance(now);
        if (oid.Equals(SysUpTime)) return UpTime(device, now);
        if (oid.Equals(HrProcessorLoad)) return SnmpValue.Integer((int)Math.Round(device.Cpu(now)));
        var column = oid.Arcs[^2];
        var ifIndex = (int)oid.Arcs[^1];
        var (inOctets, outOctets, errors) = device.Counters(ifIndex);
        return (oid.StartsWith(IfXTable), column) switch
        {
            (true, 6) => SnmpValue.Counter64(inOctets),
            (true, 10) => SnmpValue.Counter64(outOctets),
            (true, 15) => SnmpValue.Gauge32(1000),
            (false, 8) => SnmpValue.Integer(device.IsUp(ifIndex, now) ? 1 : 2),
            (false, 14) => SnmpValue.Counter32(errors),
            _ => SnmpValue.Counter32(0),
        };
    }

    public static SnmpValue UpTime(FleetDevice device, DateTimeOffset now) => SnmpValue.TimeTicks((uint)((now - device.Boot).TotalMilliseconds / 10));

    /// <summary>
    /// A Get, GetNext or GetBulk answered as RFC 3416 §4.2.3 says: for GetBulk, one successor of each of the first
    /// non-repeaters, then max-repetitions rows holding the next successor of each remaining variable in turn.
    /// </summary>
    public static Pdu Answer(Pdu request, Oid[] mib, Func<Oid, SnmpValue> value)
    {
        var asked = request.VarBinds;
        var varBinds = new List<VarBind>();
        if (request.Type == PduType.GetRequest)
        {
            foreach (var varBind in asked)
                varBinds.Add(Array.BinarySearch(mib, varBind.Oid) >= 0 ? new VarBind(varBind.Oid, value(varBind.Oid)) : new VarBind(varBind.Oid, SnmpValue.NoSuchInstance));
        }
        else
        {
            var bulk = request.Type == PduType.GetBulkRequest;
            var nonRepeaters = bulk ? Math.Clamp(request.NonRepeaters, 0, asked.Count) : asked.Count;
            for (var i = 0; i < nonRepeaters; i++) varBinds.Add(Next(asked[i].Oid));
            var cursors = asked.Skip(nonRepeaters).Select(v => v.Oid).ToArray();
            var repetitions = cursors.Length == 0 ? 0 : Math.Max(0, request.MaxRepetitions);
            for (var row = 0; row < repetitions; row++)
            {
                for (var c = 0; c < cursors.Length; c++)
                {
                    var next = Next(cursors[c]);
                    varBinds.Add(next);
                    cursors[c] = next.Oid;
                }
            }
        }
        return request with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0, VarBinds = varBinds };

        VarBind Next(Oid after)
        {
            var next = Array.BinarySearch(mib, after);
            next = next >= 0 ? next + 1 : ~next;
            return next < mib.Length ? new VarBind(mib[next], value(mib[next])) : new VarBind(after, SnmpValue.EndOfMibView);
        }
    }
}
