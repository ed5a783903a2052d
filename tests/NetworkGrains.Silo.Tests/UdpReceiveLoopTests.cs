using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Tests;

public sealed class UdpReceiveLoopTests
{
    [Fact]
    public async Task Datagrams_arrive_whole_with_their_source_oversized_ones_are_errors_and_a_stop_ends_the_loop()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var received = new ConcurrentQueue<(byte[] Data, IPEndPoint Source)>();
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var loop = Task.Factory.StartNew(() => UdpReceiveLoop.Run(socket, (datagram, source) => received.Enqueue((datagram.ToArray(), source)),
            () => Interlocked.Increment(ref errors), stop.Token), TaskCreationOptions.LongRunning);

        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        second.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var target = socket.LocalEndPoint!;
        for (var i = 0; i < 500; i++) (i % 2 == 0 ? first : second).SendTo(BitConverter.GetBytes(i), target);
        first.SendTo(new byte[20_000], target);   // longer than any trap or flow export: refused whole
        first.SendTo(new byte[1_400], target);
        first.SendTo([], target);                 // empty, but a datagram

        for (var wait = 0; wait < 600 && received.Count < 502; wait++) await Task.Delay(50); // up to 30 s for all to arrive
        var all = received.ToArray();
        Assert.Equal(Enumerable.Range(0, 500), all.Take(500).Select(r => BitConverter.ToInt32(r.Data)));
        Assert.All(all.Take(500).Select((r, i) => (r.Source, i)), x => Assert.Equal(x.i % 2 == 0 ? first.LocalEndPoint : second.LocalEndPoint, x.Source));
        Assert.Equal([1_400, 0], all.Skip(500).Select(r => r.Data.Length));
        Assert.Equal(LinuxBatchReceiver.IsSupported ? 1 : 0, errors); // one datagram per receive takes 64 KiB whole

        stop.Cancel();
        socket.Close();
        await loop.WaitAsync(TimeSpan.FromSeconds(5)); // throws if the loop did not end after the stop
    }
}
