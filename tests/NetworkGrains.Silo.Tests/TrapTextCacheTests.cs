using System.Net;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

public sealed class TrapTextCacheTests
{
    [Fact]
    public void Repeated_varbinds_oids_and_addresses_share_one_text_and_distinct_ones_do_not()
    {
        var cache = new TrapTextCache();
        VarBind IfIndex(int index) => new(Oid.Parse($"1.3.6.1.2.1.2.2.1.1.{index}"), SnmpValue.Integer(index));

        var first = cache.VarBind(IfIndex(7));
        Assert.Same(first, cache.VarBind(IfIndex(7)));
        Assert.NotSame(first, cache.VarBind(IfIndex(8)));
        Assert.Equal(("1.3.6.1.2.1.2.2.1.1.7", "INTEGER", "7"), (first.Oid, first.Type, first.Value));
        Assert.Same(cache.Oid(Oid.Parse("1.3.6.1.6.3.1.1.5.3")), cache.Oid(Oid.Parse("1.3.6.1.6.3.1.1.5.3")));
        Assert.Same(cache.Address(IPAddress.Parse("10.0.0.1")), cache.Address(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void A_flood_of_distinct_varbinds_never_grows_the_cache_without_bound()
    {
        var cache = new TrapTextCache();
        for (var i = 0; i < 250_000; i++) cache.VarBind(new VarBind(Oid.Parse("1.3.6.1.4.1.9.9"), SnmpValue.Integer(i)));
        Assert.InRange(cache.Count, 1, TrapTextCache.MaxEntries);
    }
}
