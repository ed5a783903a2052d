using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

        var mib = Mib(interfaces);
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
            var answer = request with { Pdu = Answer(request.Pdu, mib, device) };
            await socket.SendToAsync(answer.Encode(), SocketFlags.None, received.RemoteEndPoint);
        }
    }

    private static Pdu Answer(Pdu request, Oid[] mib, int device)
    {
        var varBinds = new List<VarBind>();
        foreach (var asked in request.VarBinds)
        {
            switch (request.Type)
            {
                case PduType.GetRequest:
                    var at = Array.BinarySearch(mib, asked.Oid);
                    varBinds.Add(at >= 0 ? new VarBind(asked.Oid, Value(asked.Oid, device)) : new VarBind(asked.Oid, SnmpValue.NoSuchInstance));
                    break;
                default: // GetNext (one) and GetBulk (max-repetitions) return the next variables in OID order
                    var count = request.Type == PduType.GetBulkRequest ? Math.Max(1, request.MaxRepetitions) : 1;
                    var next = Array.BinarySearch(mib, asked.Oid);
                    next = next >= 0 ? next + 1 : ~next;
                    for (var i = 0; i < count; i++, next++)
                        varBinds.Add(next < mib.Length ? new VarBind(mib[next], Value(mib[next], device)) : new VarBind(asked.Oid, SnmpValue.EndOfMibView));
                    break;
            }
        }
        return request with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0, VarBinds = varBinds };
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

    private static Oid[] Mib(int interfaces)
    {
        uint[] ifTableColumns = [8, 13, 14, 19, 20];
        uint[] ifXTableColumns = [6, 10, 15];
        var oids = new List<Oid> { Oid.Parse("1.3.6.1.2.1.1.3.0") };
        for (uint i = 1; i <= interfaces; i++)
        {
            oids.AddRange(ifTableColumns.Select(c => Oid.Parse("1.3.6.1.2.1.2.2.1").Append(c, i)));
            oids.AddRange(ifXTableColumns.Select(c => Oid.Parse("1.3.6.1.2.1.31.1.1.1").Append(c, i)));
        }
        var sorted = oids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
