using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Models;
using NetworkGrains.Integration.Tests.Security;

namespace NetworkGrains.Integration.Tests;

/// <summary>
/// Real syslog peers against the silo (Postgres profile): util-linux logger (RFC 3164 and 5424, UDP, TCP with
/// newline framing and octet counting), a private rsyslogd forwarding over UDP and TCP, a TLS client, bad input on
/// every transport, and 10,000 idle connections.
/// </summary>
public sealed partial class SyslogInteropTests
{
    private static readonly string HostName = Dns.GetHostName().Split('.')[0];

    [Fact]
    public async Task Logger_and_rsyslogd_messages_reach_their_device_the_table_and_the_api_and_bad_input_is_counted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"sysl{Guid.NewGuid():N}"[..16];
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster);
        var (udp, tcp) = (int.Parse(silo.Settings["Syslog__UdpPort"]), int.Parse(silo.Settings["Syslog__TcpPort"]));
        // Messages name this machine: the device of that name gets them, whoever relays them. Lines without a hostname go by source address.
        await silo.Http.SendAsync(HttpMethod.Put, "/api/v1/devices/edge-syslog", new { name = HostName, managementAddress = "10.99.0.1" }, HttpStatusCode.Created);
        await silo.Http.PutDeviceAsync("loopback-router", "127.0.0.1");
        var token = Guid.NewGuid().ToString("N")[..8];

        await Logger("-n", "127.0.0.1", "-P", udp.ToString(), "-d", "--rfc5424", "-p", "local4.warning", "-t", "sshd", "--msgid", "AUTH",
            "--sd-id", "origin@32473", "--sd-param", "ip=\"10.0.0.1\"", $"Failed password for root from 10.1.1.1 port 22 ssh2 {token}-udp5424");
        await Logger("-n", "127.0.0.1", "-P", udp.ToString(), "-d", "--rfc3164", "-p", "auth.err", "-t", "su", $"{token}-udp3164");
        await Logger("-n", "127.0.0.1", "-P", tcp.ToString(), "-T", "--octet-count", "--rfc5424", "-p", "daemon.info", "-t", "app", $"{token}-octets");
        await Logger("-n", "127.0.0.1", "-P", tcp.ToString(), "-T", "--rfc3164", "-p", "daemon.notice", "-t", "app", $"{token}-newline");
        await Udp(udp, $"<189>123: *Mar  1 00:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down {token}");

        // rsyslogd as a relay: imudp in, omfwd out over UDP (one input) and TCP with octet counting (another).
        await using (var relay = await Rsyslogd.StartAsync(
            ("udp", $"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{udp}\" protocol=\"udp\")"),
            ("tcp", $"action(type=\"omfwd\" target=\"127.0.0.1\" port=\"{tcp}\" protocol=\"tcp\" TCP_Framing=\"octet-counted\")")))
        {
            await Logger("-n", "127.0.0.1", "-P", relay.Ports[0].ToString(), "-d", "--rfc3164", "-p", "local7.err", "-t", "relayed", $"{token}-rsyslog-udp");
            await Logger("-n", "127.0.0.1", "-P", relay.Ports[1].ToString(), "-d", "--rfc3164", "-p", "local7.warning", "-t", "relayed", $"{token}-rsyslog-tcp");
            await WaitForLogs(silo, "edge-syslog", token, 6);
        }

        var logs = await WaitForLogs(silo, "edge-syslog", token, 6);
        Assert.True(logs.Length == 6, string.Join('\n', logs.Select(l => l.ToString())));
        var modern = logs.Single(l => l.GetProperty("message").GetString()!.EndsWith("-udp5424"));
        Assert.Equal((20, "local4", 4, "warning", "sshd"), (modern.GetProperty("facility").GetInt32(), modern.GetProperty("facilityName").GetString(),
            modern.GetProperty("severity").GetInt32(), modern.GetProperty("severityName").GetString(), modern.GetProperty("appName").GetString()));
        Assert.Equal(HostName, modern.GetProperty("hostname").GetString(), ignoreCase: true);
        Assert.Contains(modern.GetProperty("structuredData").EnumerateArray(), e => e.GetProperty("id").GetString() == "origin@32473");
        Assert.Equal("authentication_failure", modern.GetProperty("event").GetString());
        var relayedTcp = logs.Single(l => l.GetProperty("message").GetString()!.EndsWith("-rsyslog-tcp"));
        Assert.Equal(("relayed", 23, 4), (relayedTcp.GetProperty("appName").GetString(), relayedTcp.GetProperty("facility").GetInt32(), relayedTcp.GetProperty("severity").GetInt32()));
        Assert.Equal(JsonValueKind.Null, relayedTcp.GetProperty("event").ValueKind);

        var cisco = Assert.Single(await WaitForLogs(silo, "loopback-router", token, 1));
        Assert.Equal(("LINEPROTO", "UPDOWN", 5, "interface_down"), (cisco.GetProperty("vendorFacility").GetString(), cisco.GetProperty("mnemonic").GetString(),
            cisco.GetProperty("severity").GetInt32(), cisco.GetProperty("event").GetString()));

        // A sender that is not a relay cannot put messages on another device by naming its host: they go by source address.
        await Udp(udp, $"<13>Mar  1 10:00:00 {HostName} app: {token}-claimed", from: IPAddress.Parse("127.0.0.2"));
        await Poll.UntilAsync(async () => (await silo.Http.GetAsync("/api/v1/devices/unknown-127.0.0.2")).IsSuccessStatusCode, seconds: 30);
        await WaitForLogs(silo, "unknown-127.0.0.2", $"{token}-claimed", 1);
        Assert.Empty(await Logs(silo, "edge-syslog", $"q={token}-claimed"));

        // Filters, and bad parameters named in a 400.
        var errors = await Logs(silo, "edge-syslog", $"severity=err&q={token}");
        Assert.Equal(2, errors.Length); // auth.err from logger, local7.err through rsyslogd
        Assert.Single(await Logs(silo, "edge-syslog", $"q={token.ToUpperInvariant()}-OCTETS"));
        foreach (var (query, field) in new[] { ("last=0", "last"), ("severity=loud", "severity"), ("q=", "q"), ("q=%01x", "q") })
        {
            using var refused = await silo.Http.GetAsync($"/api/v1/devices/edge-syslog/logs?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }

        // Bad input: counted, and the connection goes on after a line too long.
        await Udp(udp, "<999>1 - - - - - - bad pri");
        await Udp(udp, "no pri at all");
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, tcp);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("<13>" + new string('x', 64 * 1024) + "\n"));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"<13>Mar  1 10:00:00 {HostName} app: {token}-after-long\n0x <13>not a count\n40 <13>cut short"));
        }
        await WaitForLogs(silo, "edge-syslog", $"{token}-after-long", 1);
        await WaitForDrops(silo, "invalid_pri", "missing_pri", "too_long", "bad_octet_count");

        await database.WaitForCountAsync($"SELECT count(*) FROM syslog_message WHERE message LIKE '%{token}%'", 8, TimeSpan.FromSeconds(10));
        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM syslog_message WHERE event = 'interface_down' AND mnemonic = 'UPDOWN' AND message LIKE '%{token}%'"));

        // Not grain state: after a restart the device reads its messages back from syslog_message, in the same order;
        // and a message older than Syslog:Retention (30 days) is deleted when the restarted silo starts its retention.
        var before = (await Logs(silo, "edge-syslog", "last=1000")).Select(l => l.GetProperty("message").GetString()).ToList();
        Assert.Equal(1, await database.ScalarAsync<int>(
            "INSERT INTO syslog_message (device_id, received_at, sent_at, source_address, facility, severity, message, structured_data) " +
            "VALUES ('edge-syslog', now() - interval '31 days', now() - interval '31 days', '127.0.0.1', 1, 5, 'too old', '[]') RETURNING 1"));
        await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, silo.Settings.ToDictionary(), silo.Ports);
        Assert.Equal(before, (await Logs(restarted, "edge-syslog", "last=1000")).Select(l => l.GetProperty("message").GetString()));
        await database.WaitForCountAsync("SELECT count(*) FROM syslog_message WHERE message = 'too old'", 0, TimeSpan.FromSeconds(30));

        // A search reaches past the newest thousand the device holds: to every message the table keeps.
        await restarted.Http.PutDeviceAsync("history-router", "10.99.0.2");
        Assert.Equal(1_201, await database.ScalarAsync<int>(
            "WITH added AS (INSERT INTO syslog_message (device_id, received_at, sent_at, source_address, facility, severity, message, structured_data) " +
            "SELECT 'history-router', now() - interval '1 hour' + n * interval '1 second', now(), '10.99.0.2', 23, CASE WHEN n = 0 THEN 0 ELSE 6 END, " +
            "CASE WHEN n = 0 THEN 'needle in the hay' WHEN n = 1 THEN 'load at 50%_ok' ELSE 'hay ' || n END, '[]' FROM generate_series(0, 1200) n RETURNING 1) " +
            "SELECT count(*)::int FROM added"));
        Assert.Equal(1_000, (await Logs(restarted, "history-router", "last=1000")).Length);
        Assert.Equal("needle in the hay", Assert.Single(await Logs(restarted, "history-router", "q=NEEDLE")).GetProperty("message").GetString());
        Assert.Equal("needle in the hay", Assert.Single(await Logs(restarted, "history-router", "severity=emerg")).GetProperty("message").GetString());
        Assert.Equal("load at 50%_ok", Assert.Single(await Logs(restarted, "history-router", "q=0%25_")).GetProperty("message").GetString());
        Assert.Equal(["hay 1200", "hay 1199"], (await Logs(restarted, "history-router", "last=2&q=hay")).Select(l => l.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Tls_takes_messages_with_the_cluster_certificate_and_ten_thousand_idle_connections_cost_little()
    {
        var (certificateFile, keyFile) = TlsClusterTests.SelfSignedCertificate();
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"sytl{Guid.NewGuid():N}"[..16],
            new Dictionary<string, string> { ["NetworkGrains__TlsCertificateFile"] = certificateFile, ["NetworkGrains__TlsKeyFile"] = keyFile });
        await silo.Http.PutDeviceAsync("loopback-router", "127.0.0.1");
        var (tcp, tlsPort) = (int.Parse(silo.Settings["Syslog__TcpPort"]), int.Parse(silo.Settings["Syslog__TlsPort"]));
        var token = Guid.NewGuid().ToString("N")[..8];

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, tlsPort);
            using var expected = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificateFile));
            await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == expected.GetCertHashString());
            await tls.AuthenticateAsClientAsync("networkgrains-cluster");
            var message = $"<165>1 2026-03-01T10:00:00Z - tlsapp - - - {token}-tls";
            await tls.WriteAsync(Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(message)} {message}"));
            await tls.FlushAsync();
            Assert.Equal("tlsapp", (await WaitForLogs(silo, "loopback-router", $"{token}-tls", 1))[0].GetProperty("appName").GetString());
        }

        var rssBefore = ResidentBytes(silo.ProcessId);
        var idle = new List<Socket>();
        try
        {
            for (var batch = 0; batch < 20; batch++)
                idle.AddRange(await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, tcp);
                    return socket;
                })));
            await idle[0].SendAsync(Encoding.ASCII.GetBytes("500 <13>a frame that never ends"));
            // Other senders are unaffected: a new connection and UDP both deliver.
            await Logger("-n", "127.0.0.1", "-P", tcp.ToString(), "-T", "--octet-count", "--rfc5424", "-t", "app", $"{token}-beside-idle");
            await Udp(int.Parse(silo.Settings["Syslog__UdpPort"]), $"<13>Mar  1 10:00:00 x app: {token}-udp-beside-idle");
            await WaitForLogs(silo, "loopback-router", $"{token}-", 3);
            var grown = ResidentBytes(silo.ProcessId) - rssBefore;
            Assert.True(grown < 150L * 1024 * 1024, $"10,000 idle connections took {grown / 1048576} MiB");
        }
        finally
        {
            foreach (var socket in idle) socket.Dispose();
        }
        await WaitForDrops(silo, "bad_octet_count"); // the unfinished frame, when its connection closed
    }

    private static long ResidentBytes(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    private static async Task<JsonElement[]> Logs(SiloProcess silo, string device, string query)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync($"/api/v1/devices/{device}/logs?{query}"));
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static async Task<JsonElement[]> WaitForLogs(SiloProcess silo, string device, string text, int expected)
    {
        var clock = Stopwatch.StartNew();
        JsonElement[] logs = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            logs = await Logs(silo, device, $"last=1000&q={Uri.EscapeDataString(text)}");
            if (logs.Length >= expected) return logs;
            await Task.Delay(200);
        }
        Assert.Fail($"{logs.Length} of {expected} messages with {text} arrived\n{silo.Tail()}");
        return logs;
    }

    private static async Task WaitForDrops(SiloProcess silo, params string[] reasons)
    {
        var clock = Stopwatch.StartNew();
        var metrics = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            metrics = await silo.Http.GetStringAsync("/metrics");
            if (reasons.All(r => Regex.IsMatch(metrics, $@"ng_syslog_drops(_total)?\{{[^}}]*reason=""{r}""[^}}]*\}} [1-9]"))) return;
            await Task.Delay(200);
        }
        Assert.Fail($"not every drop was counted ({string.Join(", ", reasons)}):\n{string.Join('\n', metrics.Split('\n').Where(l => l.Contains("syslog")))}");
    }

    private static async Task Udp(int port, string message, IPAddress? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (from is not null) socket.Bind(new IPEndPoint(from, 0));
        await socket.SendToAsync(Encoding.UTF8.GetBytes(message), new IPEndPoint(IPAddress.Loopback, port));
    }

    internal static async Task Logger(params string[] arguments)
    {
        var info = new ProcessStartInfo("logger", arguments) { RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"logger {string.Join(' ', arguments)}: {errors}");
    }
}
