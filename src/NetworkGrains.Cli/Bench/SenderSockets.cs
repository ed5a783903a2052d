using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Cli.Bench;

public static class SenderSockets
{
    /// <summary>One UDP socket per source address (loopback aliases such as 127.0.1.x), so each source looks like a device of its own.</summary>
    public static Socket[] BoundTo(IEnumerable<IPAddress> sources) => sources.Select(address =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }).ToArray();
}
