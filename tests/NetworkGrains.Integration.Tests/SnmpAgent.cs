using System.Diagnostics;
using System.Net;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Integration.Tests;

/// <summary>net-snmp's snmpd on a free loopback port with a configuration of the test's own.</summary>
public sealed class SnmpAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private SnmpAgent(Process process, string directory, IPEndPoint endpoint) => (_process, _directory, Endpoint) = (process, directory, endpoint);

    public IPEndPoint Endpoint { get; }

    public static async Task<SnmpAgent> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("ng-snmpd-").FullName;
        var endpoint = new IPEndPoint(IPAddress.Loopback, SiloProcess.FreeUdpPort());
        await File.WriteAllTextAsync(Path.Combine(directory, "snmpd.conf"), $"""
            agentaddress udp:127.0.0.1:{endpoint.Port}
            rocommunity public 127.0.0.1
            rwcommunity private 127.0.0.1
            createUser opsSha SHA authpass123 AES privpass123
            rwuser opsSha priv
            master no
            dontLogTCPWrappersConnects yes
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "snmp.conf"), $"persistentDir {directory}/persist\n");
        var info = new ProcessStartInfo("snmpd", ["-f", "-Lf", Path.Combine(directory, "snmpd.log"), "-p", Path.Combine(directory, "snmpd.pid")]);
        info.Environment["SNMPCONFPATH"] = directory;
        info.Environment["MIBS"] = "";
        var agent = new SnmpAgent(Process.Start(info)!, directory, endpoint);
        await agent.WaitUntilAnsweringAsync();
        return agent;
    }

    public SnmpTarget V2c(string community) => new(Endpoint, SnmpVersion.V2c, System.Text.Encoding.ASCII.GetBytes(community));

    private async Task WaitUntilAnsweringAsync()
    {
        await using var client = new SnmpClient();
        var probe = V2c("public") with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                await client.GetAsync(probe, [Oid.Parse("1.3.6.1.2.1.1.3.0")]);
                return;
            }
            catch (SnmpTimeoutException) when (!_process.HasExited) { }
        }
        Assert.Fail($"snmpd did not answer: {File.ReadAllText(Path.Combine(_directory, "snmpd.log"))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
