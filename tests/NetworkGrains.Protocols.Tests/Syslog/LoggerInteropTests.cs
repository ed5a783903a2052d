using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Protocols.Tests.Syslog;

/// <summary>util-linux `logger` as the peer: what it sends over UDP and TCP (both framings) reads back as it was given.</summary>
public sealed class LoggerInteropTests
{
    private static readonly string[] Rfc5424Args =
        ["--rfc5424", "-p", "local4.warning", "-t", "sshd", "--msgid", "AUTH", "--sd-id", "origin@32473", "--sd-param", "ip=\"10.0.0.1\"", "caf\u00e9 [ok]"];

    [Fact]
    public async Task Logger_rfc5424_and_rfc3164_over_udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;

        await Logger(["-n", "127.0.0.1", "-P", port.ToString(), "-d", .. Rfc5424Args]);
        var modern = Parse(await ReceiveAsync(socket));
        Assert.Equal((20, 4, SyslogFormat.Rfc5424, "sshd", "AUTH"), (modern.Facility, modern.Severity, modern.Format, modern.AppName, modern.MsgId));
        Assert.Equal("10.0.0.1", modern.StructuredData.Single(e => e.Id == "origin@32473").Params.Single(p => p.Name == "ip").Value);
        Assert.Equal("caf\u00e9 [ok]", modern.Message);
        Assert.True((DateTimeOffset.UtcNow - modern.Timestamp!.Value).Duration() < TimeSpan.FromHours(1));

        await Logger(["-n", "127.0.0.1", "-P", port.ToString(), "-d", "--rfc3164", "-p", "auth.err", "-t", "su", "bsd text"]);
        var bsd = Parse(await ReceiveAsync(socket));
        Assert.Equal((4, 3, SyslogFormat.Rfc3164, "su", "bsd text"), (bsd.Facility, bsd.Severity, bsd.Format, bsd.AppName, bsd.Message));
        Assert.Equal(Environment.MachineName.Split('.')[0], bsd.HostName, ignoreCase: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Logger_over_tcp_with_octet_counting_and_newlines(bool octetCounting)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptTcpClientAsync();
        var sending = Logger(["-n", "127.0.0.1", "-P", port.ToString(), "-T", .. octetCounting ? new[] { "--octet-count" } : [], .. Rfc5424Args]);
        using var client = await accepting;
        await sending;

        using var decoder = new SyslogStreamDecoder(SyslogParser.MaxMessageBytes);
        var stream = client.GetStream();
        var frames = new List<SyslogMessage>();
        while (true)
        {
            var memory = decoder.GetWriteMemory();
            var read = await stream.ReadAsync(memory);
            if (read == 0) break;
            decoder.Advance(read);
            while (decoder.TryRead(out var frame, out var error))
            {
                Assert.Equal(SyslogError.None, error);
                frames.Add(Parse(frame.ToArray()));
            }
        }
        Assert.False(decoder.TryComplete(out _, out _));
        var message = Assert.Single(frames);
        Assert.Equal(("sshd", "caf\u00e9 [ok]"), (message.AppName, message.Message));
    }

    private static SyslogMessage Parse(byte[] bytes)
    {
        Assert.True(SyslogParser.TryParse(bytes, DateTimeOffset.UtcNow, TimeZoneInfo.Local, out var message, out var error), $"{error}: {Encoding.UTF8.GetString(bytes)}");
        return message!;
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..received];
    }

    private static async Task Logger(string[] arguments)
    {
        var info = new ProcessStartInfo("logger", arguments) { RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"logger {string.Join(' ', arguments)}: {errors}");
    }
}
