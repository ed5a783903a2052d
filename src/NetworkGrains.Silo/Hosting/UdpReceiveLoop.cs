using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// A blocking receive loop for a UDP listener, meant for a thread of its own: per datagram it costs one system
/// call, where an async receive also goes through the event loop and the thread pool. IPv4 sources are turned
/// into endpoints once and reused (senders are few and send often). Ends when the token is cancelled and the
/// socket closed.
/// </summary>
public static class UdpReceiveLoop
{
    public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPEndPoint source);

    /// <param name="onReceiveError">A receive that failed without stopping, e.g. a port-unreachable error left by a reply.</param>
    public static void Run(Socket socket, DatagramHandler onDatagram, Action onReceiveError, CancellationToken stoppingToken)
    {
        var buffer = new byte[65_536];
        var from = new SocketAddress(socket.AddressFamily);
        var endPointFactory = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var knownSources = new Dictionary<ulong, IPEndPoint>();
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
            onDatagram(buffer.AsSpan(0, length), Source(from, endPointFactory, knownSources));
        }
    }

    private const int MaxKnownSources = 65_536;

    private static IPEndPoint Source(SocketAddress from, IPEndPoint factory, Dictionary<ulong, IPEndPoint> known)
    {
        if (from.Family != AddressFamily.InterNetwork) return (IPEndPoint)factory.Create(from);
        // sockaddr_in: family (2 bytes), port (2), address (4): port and address make the key.
        var key = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(from.Buffer.Span) >> 16;
        if (known.TryGetValue(key, out var endPoint)) return endPoint;
        if (known.Count >= MaxKnownSources) known.Clear();
        return known[key] = (IPEndPoint)factory.Create(from);
    }
}
