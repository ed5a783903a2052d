using System.Diagnostics;
using System.Net;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// A silo of the Postgres profile in a process of its own, as scripts/cluster.sh runs them, on loopback ports it keeps
/// across restarts (a restart comes back on the same endpoint). Started means: /health answers and its trap and
/// NetFlow listeners are bound.
/// </summary>
public sealed class FailoverSilo(int index, string siloDll, IReadOnlyDictionary<string, string> shared, string logDirectory)
{
    private readonly Dictionary<string, string> _environment = new(shared)
    {
        ["NetworkGrains__HttpPort"] = BenchSilo.FreeTcpPort().ToString(),
        ["NetworkGrains__SiloPort"] = BenchSilo.FreeTcpPort().ToString(),
        ["NetworkGrains__GatewayPort"] = BenchSilo.FreeTcpPort().ToString(),
        ["Snmp__TrapPort"] = BenchSilo.FreeUdpPort().ToString(),
        ["Flows__NetFlowPort"] = BenchSilo.FreeUdpPort().ToString(),
        ["Flows__IpfixPort"] = BenchSilo.FreeUdpPort().ToString(),
        ["Syslog__UdpPort"] = BenchSilo.FreeUdpPort().ToString(),
        ["Syslog__TcpPort"] = BenchSilo.FreeTcpPort().ToString(),
        ["Syslog__TlsPort"] = BenchSilo.FreeTcpPort().ToString(),
    };
    private Process? _process;

    public int Index => index;
    public Uri Url => new($"http://127.0.0.1:{_environment["NetworkGrains__HttpPort"]}");
    public int TrapPort => int.Parse(_environment["Snmp__TrapPort"]);
    public int NetFlowPort => int.Parse(_environment["Flows__NetFlowPort"]);

    /// <summary>Whether the process runs: a call to a silo that does not is expected to fail, not to be slow.</summary>
    public bool Running => _process is { HasExited: false };

    public async Task StartAsync(TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet", [siloDll])
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment) info.Environment[key] = value;
        _process = Process.Start(info)!;
        var log = new StreamWriter(Path.Combine(logDirectory, $"silo-{index}.log"), append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {index} exited with {_process.ExitCode} (log in {logDirectory})");
            if (await HealthyAsync(http) && UdpBound(TrapPort) && UdpBound(NetFlowPort)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"silo {index} did not start within {timeout} (log in {logDirectory})");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process!.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a rolling restart stops a silo: it leaves the cluster and writes its devices' state.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process!.Id.ToString()])) await signal.WaitForExitAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    private static async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether a socket of this machine is bound to udp <paramref name="port"/> (the kernel's table, hex ports).</summary>
    private static bool UdpBound(int port) =>
        File.ReadLines("/proc/net/udp").Skip(1).Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].EndsWith($":{port:X4}", StringComparison.Ordinal));
}
