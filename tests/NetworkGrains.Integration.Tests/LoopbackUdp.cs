using System.Diagnostics;
using System.Globalization;

namespace NetworkGrains.Integration.Tests;

/// <summary>
/// UDP sockets of this machine as the kernel lists them (/proc/net/udp and udp6): whether a peer has bound its port
/// yet, and whether it has read everything queued to it. Positive signs to wait for instead of a sleep.
/// </summary>
public static class LoopbackUdp
{
    /// <summary>Waits until some socket is bound to <paramref name="port"/>; fails early if <paramref name="owner"/> exits.</summary>
    public static Task WaitBoundAsync(int port, string what, Process? owner = null, int seconds = 30) =>
        WaitAsync(() => QueuedBytes(port) is not null, $"{what} did not bind udp port {port}", owner, seconds);

    /// <summary>Waits until the sockets on <paramref name="port"/> hold no unread datagram (their reader has taken them all).</summary>
    public static Task WaitDrainedAsync(int port, string what, Process? owner = null, int seconds = 30) =>
        WaitAsync(() => QueuedBytes(port) == 0, $"{what} did not read everything queued on udp port {port} (still {QueuedBytes(port)} bytes)", owner, seconds);

    /// <summary>The bytes waiting in the receive queues of the sockets bound to <paramref name="port"/>; null when none is bound.</summary>
    public static long? QueuedBytes(int port)
    {
        long? queued = null;
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue ...; addresses and queues in hex
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 5 || int.Parse(fields[1][(fields[1].IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port) continue;
                queued = (queued ?? 0) + long.Parse(fields[4][(fields[4].IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return queued;
    }

    private static async Task WaitAsync(Func<bool> condition, string failure, Process? owner, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (owner is { HasExited: true }) Assert.Fail($"{failure}: it exited with {owner.ExitCode}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"{failure} within {seconds} s");
            await Task.Delay(50);
        }
    }
}
