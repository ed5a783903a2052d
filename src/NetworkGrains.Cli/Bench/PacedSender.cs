using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Cli.Bench;

public static class PacedSender
{
    /// <summary>
    /// Sends <paramref name="rate"/> datagrams a second for <paramref name="seconds"/>, each from the next socket in
    /// turn (a source of its own), cycling through <paramref name="datagrams"/>; what the schedule says is due, then a
    /// brief yield of the core. The number sent.
    /// </summary>
    public static async Task<long> SendAsync(Socket[] sockets, byte[][] datagrams, IPEndPoint target, int rate, int seconds)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var total = (long)rate * seconds;
        while (sent < total)
        {
            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++) sockets[sent % sockets.Length].SendTo(datagrams[sent % datagrams.Length], target);
            await Task.Delay(1);
        }
        foreach (var socket in sockets) socket.Dispose();
        return sent;
    }
}
