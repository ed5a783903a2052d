using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// SNMPv2c informs at a paced rate from a few loopback sources (127.0.3.x, a device each), spread over the silos'
/// trap ports; each carries its number in <see cref="NumberOid"/> and is sent again, to the next silo, every second
/// until acknowledged (at most five times), as an agent behind a UDP load balancer would. Keeps the numbers acknowledged.
/// </summary>
public sealed class InformLoad(IReadOnlyList<FailoverSilo> silos, int sources, int rate)
{
    public const string NumberOid = "1.3.6.1.4.1.8072.9999.1.0";
    private const int Attempts = 5;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentBag<int> _acknowledged = [];
    private long _sent;

    public static IPAddress Source(int i) => IPAddress.Parse($"127.0.3.{i}");
    public long Sent => Interlocked.Read(ref _sent);
    public IReadOnlyCollection<int> Acknowledged => _acknowledged;

    public async Task RunAsync(CancellationToken stop)
    {
        var sockets = SenderSockets.BoundTo(Enumerable.Range(1, sources).Select(Source));
        var listening = sockets.Select(ListenAsync).ToArray();
        var informs = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate);
            if (due > clock.Elapsed)
            {
                try { await Task.Delay(due - clock.Elapsed, stop); }
                catch (OperationCanceledException) { break; }
            }
            informs.Add(InformAsync(sockets[n % sockets.Length], n));
        }
        await Task.WhenAll(informs);
        foreach (var socket in sockets) socket.Dispose();
        await Task.WhenAll(listening);
    }

    private async Task InformAsync(Socket socket, int number)
    {
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[number] = acknowledged;
        var datagram = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.InformRequest, number, 0, 0,
        [
            new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks((uint)number)),
            new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
            new VarBind(Oid.Parse(NumberOid), SnmpValue.Integer(number)),
        ])).Encode();
        Interlocked.Increment(ref _sent);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var silo = silos[(number + attempt) % silos.Count];
            try
            {
                await socket.SendToAsync(datagram, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, silo.TrapPort));
            }
            catch (SocketException) { } // a port-unreachable left by the killed silo: the next attempt goes elsewhere
            if (await Task.WhenAny(acknowledged.Task, Task.Delay(TimeSpan.FromSeconds(1))) == acknowledged.Task)
            {
                _acknowledged.Add(number);
                break;
            }
        }
        _waiting.TryRemove(number, out _);
    }

    private async Task ListenAsync(Socket socket)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            if (CommunityMessage.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var message, out _)
                && message.Pdu.Type == PduType.Response && _waiting.TryGetValue(message.Pdu.RequestId, out var waiting))
                waiting.TrySetResult();
        }
    }
}
