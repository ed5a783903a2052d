using System.Net.Sockets;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Readme;
using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests;

/// <summary>scripts/cluster.sh as an operator runs it: start 2 (on free ports, its own PostgreSQL), status, stop.</summary>
public sealed class ClusterScriptTests(ITestOutputHelper output)
{
    private static readonly Regex SiloLine = new(
        @"^silo (\d+): (\w+), pid (\d+), http http://127\.0\.0\.1:(\d+), silo (\d+), gateway (\d+), udp traps (\d+), netflow (\d+), ipfix (\d+), syslog (\d+) \(udp and tcp\), syslog tls (\d+)$",
        RegexOptions.Multiline);

    [Fact]
    public async Task Cluster_sh_starts_two_silos_on_ports_of_their_own_reports_them_and_stops_all_it_started()
    {
        var work = Directory.CreateTempSubdirectory("ng-cluster-").FullName;
        File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101); // PostgreSQL runs as its own user
        var cluster = $"clus{Guid.NewGuid():N}"[..16];
        var pgPort = SiloProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["NG_CLUSTER_DIR"] = Path.Combine(work, "cluster"),
            ["NG_PG_DIR"] = Path.Combine(work, "postgres"),
            ["NG_PG_PORT"] = pgPort.ToString(),
            ["NG_PG_FAST"] = "1",
            ["NG_KEYS_DIR"] = Path.Combine(work, "keys"),
            ["NetworkGrains__ClusterId"] = cluster,
            ["NetworkGrains__ServiceId"] = cluster,
        };
        try
        {
            var (code, started) = await BashScript.RunAsync("scripts/cluster.sh start 2 --free-ports", environment, TimeSpan.FromMinutes(15));
            output.WriteLine(started);
            Assert.True(code == 0, started);

            var (statusCode, status) = await BashScript.RunAsync("scripts/cluster.sh status", environment, TimeSpan.FromMinutes(2));
            Assert.True(statusCode == 0, status);
            var silos = SiloLine.Matches(status).Select(m => m.Groups.Values.Skip(1).Select(g => g.Value).ToArray()).ToArray();
            Assert.Equal(["1 up", "2 up"], silos.Select(s => $"{s[0]} {s[1]}"));
            var ports = silos.SelectMany(s => s[3..]).ToArray();
            Assert.Equal(ports.Length, ports.Distinct().Count());
            Assert.Contains($"cluster {cluster}: 2 active silos in orleans_membership", status);
            using var http = new HttpClient();
            foreach (var silo in silos) Assert.True((await http.GetAsync($"http://127.0.0.1:{silo[3]}/health")).IsSuccessStatusCode);

            var (stopCode, stopped) = await BashScript.RunAsync("scripts/cluster.sh stop", environment, TimeSpan.FromMinutes(3));
            Assert.True(stopCode == 0, stopped);
            foreach (var silo in silos) Assert.False(Directory.Exists($"/proc/{silo[2]}"), $"silo {silo[0]} (pid {silo[2]}) still runs");
            foreach (var port in silos.Select(s => int.Parse(s[3])).Append(pgPort)) Assert.False(Listens(port), $"something still listens on {port}");
            var (afterCode, after) = await BashScript.RunAsync("scripts/cluster.sh status", environment, TimeSpan.FromMinutes(1));
            Assert.True(afterCode == 3, after);
        }
        finally
        {
            await BashScript.RunAsync("scripts/cluster.sh stop", environment, TimeSpan.FromMinutes(3));
            Directory.Delete(work, recursive: true);
        }
    }

    private static bool Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
