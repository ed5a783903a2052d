using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Cli.Simulate;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench agent-sim`: SNMPv2c agents for a simulated fleet, one socket per device on its own loopback address
/// (127.1.x.y, see <see cref="Address"/>), all serving the same interface MIB: sysUpTime, ifTable and ifXTable
/// columns for M interfaces, counters growing with time. Answers Get, GetNext and GetBulk; runs until killed.
/// </summary>
public static class AgentSimulator
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static IPAddress Address(int device) => new([127, (byte)(1 + (device >> 16)), (byte)(device >> 8), (byte)device]);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var devices = options.Int("devices", 10_000);
        var interfaces = options.Int("interfaces", 20);
        var port = options.Int("port", 16100);
        options.EnsureAllRead();

        var mib = InterfaceMib.Oids(interfaces);
        var sockets = Enumerable.Range(0, devices).Select(i =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(Address(i), port));
            return socket;
        }).ToArray();
        Console.WriteLine("ready");
        await Task.WhenAll(sockets.Select((socket, i) => ServeAsync(socket, i, mib)));
        return 0;
    }

    private static async Task ServeAsync(Socket socket, int device, Oid[] mib)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
            if (!CommunityMessage.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var request, out _)) continue;
            var answer = request with { Pdu = InterfaceMib.Answer(request.Pdu, mib, oid => Value(oid, device)) };
            await socket.SendToAsync(answer.Encode(), SocketFlags.None, received.RemoteEndPoint);
        }
    }

    private static SnmpValue Value(Oid oid, int device)
    {
        var seconds = Clock.Elapsed.TotalSeconds;
        var arcs = oid.Arcs;
        if (arcs.Length == 9) return SnmpValue.TimeTicks((uint)(seconds * 100)); // sysUpTime.0
        var column = arcs[^2];
        var ifIndex = arcs[^1];
        var isXTable = arcs[6] == 31;
        return (isXTable, column) switch
        {
            (true, 6) => SnmpValue.Counter64((ulong)(seconds * 1_000_000 * (1 + ifIndex % 7) + device)),
            (true, 10) => SnmpValue.Counter64((ulong)(seconds * 800_000 * (1 + ifIndex % 5) + device)),
            (true, _) => SnmpValue.Gauge32(1000),
            (false, 8) => SnmpValue.Integer(1),
            _ => SnmpValue.Counter32((uint)(seconds / 10 * (ifIndex % 3))),
        };
    }
}
