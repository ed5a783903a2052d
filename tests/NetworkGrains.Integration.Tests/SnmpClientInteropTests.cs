using System.Text;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Integration.Tests;

/// <summary>Our manager against net-snmp's snmpd: gets, walks and sets in v2c and v3 authPriv, and bad credentials.</summary>
public sealed class SnmpClientInteropTests : SnmpAgentTests
{
    private static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    private static readonly Oid SysContact = Oid.Parse("1.3.6.1.2.1.1.4.0");
    private static readonly Oid IfDescr = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
    private static readonly Oid IfHcInOctets = Oid.Parse("1.3.6.1.2.1.31.1.1.1.6");

    private SnmpTarget V3(string authPassword = "authpass123") =>
        new(Agent.Endpoint, SnmpVersion.V3, User: new UsmUser("opsSha", AuthProtocol.Sha1, authPassword, PrivProtocol.Aes128, "privpass123"))
        { Timeout = TimeSpan.FromSeconds(1), Retries = 1 };

    [Fact]
    public async Task V2c_gets_and_walks_the_interface_table()
    {
        var pdu = await Client.GetAsync(Agent.V2c("public"), [SysUpTime]);
        Assert.Equal((PduType.Response, 0, BerTag.TimeTicks), (pdu.Type, pdu.ErrorStatus, pdu.VarBinds[0].Value.Tag));

        var descriptions = await Client.WalkAsync(Agent.V2c("public"), IfDescr, maxRepetitions: 2);
        Assert.Contains(descriptions, d => Encoding.ASCII.GetString(d.Value.AsBytes) == "lo");
        Assert.All(descriptions, d => Assert.True(d.Oid.StartsWith(IfDescr)));
    }

    [Fact]
    public async Task V3_authpriv_discovers_the_engine_then_gets_and_walks_64_bit_counters()
    {
        var pdu = await Client.GetAsync(V3(), [SysUpTime]);
        Assert.Equal(BerTag.TimeTicks, pdu.VarBinds[0].Value.Tag);

        var octets = await Client.WalkAsync(V3(), IfHcInOctets);
        Assert.NotEmpty(octets);
        Assert.All(octets, o => Assert.Equal(BerTag.Counter64, o.Value.Tag));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Set_changes_sys_contact(bool useV3)
    {
        var target = useV3 ? V3() : Agent.V2c("private");
        var contact = $"noc-{Guid.NewGuid():N}@example.net";
        var set = await Client.SetAsync(target, [new VarBind(SysContact, SnmpValue.OctetString(contact))]);
        Assert.Equal(0, set.ErrorStatus);

        var read = await Client.GetAsync(Agent.V2c("public"), [SysContact]);
        Assert.Equal(contact, Encoding.UTF8.GetString(read.VarBinds[0].Value.AsBytes));
    }

    [Fact]
    public async Task A_read_only_community_cannot_set()
    {
        var refused = await Client.SetAsync(Agent.V2c("public"), [new VarBind(SysContact, SnmpValue.OctetString("x"))]);
        Assert.NotEqual(0, refused.ErrorStatus);
    }

    [Fact]
    public async Task A_wrong_community_times_out_and_a_wrong_passphrase_is_refused()
    {
        var wrongCommunity = Agent.V2c("guess") with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 1 };
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => Client.GetAsync(wrongCommunity, [SysUpTime]));
        await Assert.ThrowsAsync<SnmpResponseException>(() => Client.GetAsync(V3("wrongpass123"), [SysUpTime]));
    }
}
