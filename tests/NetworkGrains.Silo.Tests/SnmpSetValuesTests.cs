using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

public sealed class SnmpSetValuesTests
{
    [Theory]
    [InlineData('i', "2", "INTEGER 2")]
    [InlineData('u', "1000", "Gauge32 1000")]
    [InlineData('s', "noc@example.net", "STRING noc@example.net")]
    [InlineData('x', "00FF", "STRING \u0000\uFFFD")]
    [InlineData('a', "10.0.0.7", "IpAddress 10.0.0.7")]
    [InlineData('o', "1.3.6.1.4.1.8072", "OID 1.3.6.1.4.1.8072")]
    public void Set_values_take_snmpset_type_letters(char type, string value, string expected) =>
        Assert.Equal(expected, SnmpSetValues.ToVarBind(new SnmpSetValue("1.3.6.1.2.1.2.2.1.7.3", type, value)).Value.ToString());

    [Theory]
    [InlineData("1.3.6.1.2.1.1.4.0", 'i', "two")]
    [InlineData("1.3.6.1.2.1.1.4.0", 'u', "-1")]
    [InlineData("1.3.6.1.2.1.1.4.0", 'z', "1")]
    [InlineData("not.an.oid", 's', "x")]
    [InlineData("1.3.6.1.2.1.1.4.0", 'a', "300.1.1.1")]
    public void A_value_that_does_not_fit_its_type_is_refused(string oid, char type, string value) =>
        Assert.ThrowsAny<Exception>(() => SnmpSetValues.ToVarBind(new SnmpSetValue(oid, type, value)));

    [Fact]
    public void The_oid_is_kept() =>
        Assert.Equal(Oid.Parse("1.3.6.1.2.1.2.2.1.7.3"), SnmpSetValues.ToVarBind(new SnmpSetValue("1.3.6.1.2.1.2.2.1.7.3", 'i', "2")).Oid);
}
