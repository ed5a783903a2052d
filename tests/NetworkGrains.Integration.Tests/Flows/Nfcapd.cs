using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Simulation;

namespace NetworkGrains.Integration.Tests.Flows;

/// <summary>nfcapd, the reference collector, on a free loopback port writing into a folder of its own.</summary>
internal sealed class Nfcapd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Nfcapd(Process process, string directory, int port) => (_process, _directory, Port) = (process, directory, port);

    public int Port { get; }

    /// <summary>Starts nfcapd and returns once its port is bound (it reports nothing before that).</summary>
    public static async Task<Nfcapd> StartAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var port = SiloProcess.FreeUdpPort();
        var process = Process.Start(new ProcessStartInfo("nfcapd",
            ["-b", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-w", directory, "-t", "3600", "-B", "8388608"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var nfcapd = new Nfcapd(process, directory, port);
        await LoopbackUdp.WaitBoundAsync(port, "nfcapd", process);
        return nfcapd;
    }

    /// <summary>
    /// Once nfcapd has read every datagram queued to it (call this after the sender has exited): SIGTERM, which makes
    /// it write what it holds, and nfdump's totals of what it stored.
    /// </summary>
    public async Task<(long Flows, long Packets, long Bytes)> StopAsync()
    {
        await LoopbackUdp.WaitDrainedAsync(Port, "nfcapd", _process);
        Assert.Equal(0, SiloProcess.SendSignal(_process.Id, SiloProcess.SigTerm));
        await _process.WaitForExitAsync();
        var summary = await Tools.RunAsync("nfdump", ["-R", _directory, "-I"]);
        long Field(string name) => long.Parse(Regex.Match(summary, $@"^{name}: (\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        return (Field("Flows"), Field("Packets"), Field("Bytes"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
