using System.Net;
using System.Text;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench syslog-sender`: sends syslog datagrams at a paced rate from many loopback source addresses
/// (127.0.2.x, one device each), in its own process so that receivers are measured alone. The stream mixes what
/// networks send: Cisco IOS lines with counters, clock and %FACILITY-SEVERITY-MNEMONIC (interface up and down), Junos
/// and Linux lines in BSD form, and RFC 5424 messages with structured data. Prints the number sent.
/// </summary>
public static class SyslogSender
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var port = options.Int("port", 1514);
        var rate = options.Int("rate", 50_000);
        var seconds = options.Int("seconds", 10);
        var sources = options.Int("sources", 100);
        options.EnsureAllRead();

        var sockets = SenderSockets.BoundTo(Enumerable.Range(1, sources).Select(Source));
        var messages = Enumerable.Range(0, 1024).Select(Message).ToArray();
        Console.WriteLine(await PacedSender.SendAsync(sockets, messages, new IPEndPoint(IPAddress.Loopback, port), rate, seconds));
        return 0;
    }

    public static IPAddress Source(int i) => IPAddress.Parse($"127.0.2.{i}");

    private static byte[] Message(int i)
    {
        var time = DateTimeOffset.UtcNow.AddSeconds(-i);
        var bsd = time.ToString("MMM dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).Replace(" 0", "  ");
        var port = i % 48 + 1;
        var text = (i % 4) switch
        {
            // A link of some device goes down and comes back twice per pass over the 1,024 messages: events are rare, as in service.
            0 when i % 512 == 0 => $"<189>{1000 + i}: *{bsd}.{i % 1000:000} UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/{port}, changed state to {(i % 1024 == 0 ? "down" : "up")}",
            0 => $"<190>{1000 + i}: *{bsd}.{i % 1000:000} UTC: %SEC-6-IPACCESSLOGP: list EDGE-IN denied tcp 198.51.100.{i % 250}({40000 + i}) -> 10.0.0.1(22), 1 packet",
            1 => $"<30>{bsd} r{i % 100} mgd[{1200 + i}]: UI_CMDLINE_READ_LINE: User 'ops', command 'show interfaces ge-0/0/{port} extensive '",
            2 => $"<38>{bsd} host{i % 100} sshd[{4000 + i}]: Accepted publickey for ops from 10.1.{i % 250}.{port} port {40000 + i} ssh2",
            _ => $"<165>1 {time:yyyy-MM-ddTHH:mm:ss.ffffffZ} edge{i % 100} netmon {i} LINK [meta@32473 port=\"{port}\" seq=\"{i}\"] link utilisation {i % 100} percent",
        };
        return Encoding.ASCII.GetBytes(text);
    }
}
