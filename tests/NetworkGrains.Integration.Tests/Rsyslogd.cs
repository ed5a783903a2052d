using System.Diagnostics;
using System.Net.Sockets;

namespace NetworkGrains.Integration.Tests;

/// <summary>A private rsyslogd (its own config, work directory and pid file; never the system's): one imudp input per action, each on a free port.</summary>
public sealed class Rsyslogd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Rsyslogd(Process process, string directory, int[] ports) => (_process, _directory, Ports) = (process, directory, ports);

    /// <summary>The imudp port of each action, in order.</summary>
    public int[] Ports { get; }

    public static async Task<Rsyslogd> StartAsync(params (string Name, string Action)[] actions)
    {
        var directory = Directory.CreateTempSubdirectory("ng-rsyslogd-").FullName;
        var ports = actions.Select(_ => SiloProcess.FreeUdpPort()).ToArray();
        var config = $"global(workDirectory=\"{directory}\")\nmodule(load=\"imudp\")\n" + string.Concat(actions.Select((a, i) =>
            $"input(type=\"imudp\" address=\"127.0.0.1\" port=\"{ports[i]}\" ruleset=\"{a.Name}\")\nruleset(name=\"{a.Name}\") {{\n  {a.Action}\n}}\n"));
        var file = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(file, config);
        var process = Process.Start(new ProcessStartInfo("rsyslogd", ["-n", "-f", file, "-i", Path.Combine(directory, "rsyslogd.pid")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var rsyslogd = new Rsyslogd(process, directory, ports);
        // Ready once every input is bound: a bind of ours to its port then fails.
        var clock = Stopwatch.StartNew();
        while (!ports.All(Bound))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20)) Assert.Fail($"rsyslogd did not start ({process.HasExited})");
            await Task.Delay(50);
        }
        return rsyslogd;
    }

    private static bool Bound(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
