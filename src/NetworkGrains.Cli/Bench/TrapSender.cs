using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench trap-sender`: sends pre-encoded SNMPv2c traps at a paced rate from many loopback source
/// addresses (127.0.1.x, one device each), in its own process so that receivers are measured alone.
/// Prints the number sent.
/// </summary>
public static class TrapSender
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var port = options.Int("port", 1162);
        var rate = options.Int("rate", 50_000);
        var seconds = options.Int("seconds", 10);
        var sources = options.Int("sources", 100);
        options.EnsureAllRead();

        var sockets = SenderSockets.BoundTo(Enumerable.Range(1, sources).Select(i => IPAddress.Parse($"127.0.1.{i}")));
        var traps = Enumerable.Range(0, 1024).Select(Trap).ToArray();
        Console.WriteLine(await PacedSender.SendAsync(sockets, traps, new IPEndPoint(IPAddress.Loopback, port), rate, seconds));
        return 0;
    }

    /// <summary>A linkDown trap as routers send them: uptime, trap OID, ifIndex, ifAdminStatus, ifOperStatus, ifDescr.</summary>
    private static byte[] Trap(int i) => new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.TrapV2, 1_000 + i, 0, 0,
    [
        new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks((uint)(100_000 + i))),
        new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
        new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.1.{i % 48 + 1}"), SnmpValue.Integer(i % 48 + 1)),
        new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.7.{i % 48 + 1}"), SnmpValue.Integer(1)),
        new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.8.{i % 48 + 1}"), SnmpValue.Integer(2)),
        new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.2.{i % 48 + 1}"), SnmpValue.OctetString($"GigabitEthernet0/{i % 48 + 1}")),
    ])).Encode();
}
