using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// A blocking receive loop for a UDP listener, meant for a thread of its own: per datagram it costs one system
/// call, where an async receive also goes through the event loop and the thread pool. Ends when the token is
/// cancelled and the socket closed.
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
