using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// A blocking receive loop for a UDP listener, meant for a thread of its own, that never goes through the event
/// loop or the thread pool: on x86-64 Linux many datagrams per system call (<see cref="LinuxBatchReceiver"/>),
/// elsewhere one. IPv4 sources are turned into endpoints once and reused (senders are few and send often).
/// Ends when the token is cancelled and the socket closed.
/// </summary>
public static class UdpReceiveLoop
{
    public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPEndPoint source);

    private const int MaxKnownSources = 65_536;

    /// <param name="onReceiveError">A receive that failed without stopping (e.g. a port-unreachable error left by a reply, or a datagram too long to take whole).</param>
    public static void Run(Socket socket, DatagramHandler onDatagram, Action onReceiveError, CancellationToken stoppingToken)
    {
        if (LinuxBatchReceiver.IsSupported) RunBatched(socket, onDatagram, onReceiveError, stoppingToken);
        else RunSingle(socket, onDatagram, onReceiveError, stoppingToken);
    }

    private static void RunBatched(Socket socket, DatagramHandler onDatagram, Action onReceiveError, CancellationToken stoppingToken)
    {
        // The receive timeout lets the loop notice the stop even when nothing arrives.
        socket.ReceiveTimeout = 500;
        var receiver = new LinuxBatchReceiver();
        var known = new Dictionary<ulong, IPEndPoint>();
        LinuxBatchReceiver.BatchHandler handle = (datagram, address, truncated) =>
        {
            if (truncated || Source(address, known) is not { } source) onReceiveError();
            else onDatagram(datagram, source);
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            switch (receiver.ReceiveBatch(socket, handle))
            {
                case LinuxBatchReceiver.Outcome.Closed: return;
                case LinuxBatchReceiver.Outcome.Failed: onReceiveError(); break;
            }
            // Senders send in bursts, one datagram at a time: waking per datagram or two cost the syslog listener a
            // tenth of its CPU in the scheduler. After a small batch the rest of the burst gathers for a millisecond
            // (the socket's buffer holds far more than a millisecond), so the next call takes it in one.
            if (receiver.LastReceived is > 0 and < LinuxBatchReceiver.SmallBatch) Thread.Sleep(1);
        }
    }

    private static IPEndPoint? Source(ReadOnlySpan<byte> address, Dictionary<ulong, IPEndPoint> known)
    {
        if (address.Length < 8 || BinaryPrimitives.ReadUInt16LittleEndian(address) != (ushort)AddressFamily.InterNetwork)
            return LinuxBatchReceiver.ToEndPoint(address);
        // sockaddr_in: family (2 bytes), port (2), address (4): port and address make the key.
        var key = BinaryPrimitives.ReadUInt64LittleEndian(address) >> 16;
        if (known.TryGetValue(key, out var endPoint)) return endPoint;
        if (known.Count >= MaxKnownSources) known.Clear();
        return known[key] = LinuxBatchReceiver.ToEndPoint(address)!;
    }

    private static void RunSingle(Socket socket, DatagramHandler onDatagram, Action onReceiveError, CancellationToken stoppingToken)
    {
        var buffer = new byte[65_536];
        var from = new SocketAddress(socket.AddressFamily);
        var endPointFactory = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException && stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                onReceiveError();
                continue;
            }
            onDatagram(buffer.AsSpan(0, length), (IPEndPoint)endPointFactory.Create(from));
        }
    }
}
