using System.Globalization;
using System.Net;

namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// `scripts/run.sh`, the README's main job (the default profile), with its listeners on free loopback ports so that it
/// runs beside anything else on the machine; stopped with SIGTERM, which the script passes on to the silo.
/// </summary>
internal sealed class MainJob : IAsyncDisposable
{
    private readonly BashScript _script;

    private MainJob(BashScript script, int httpPort)
    {
        _script = script;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    /// <summary>Starts it and waits until /health answers 200; the first use restores and builds, so the bound is generous.</summary>
    public static async Task<MainJob> StartAsync(TimeSpan limit)
    {
        var httpPort = SiloProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["NetworkGrains__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["NetworkGrains__SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["NetworkGrains__GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Snmp__TrapPort"] = SiloProcess.FreeUdpPort().ToString(CultureInfo.InvariantCulture),
            ["Flows__NetFlowPort"] = SiloProcess.FreeUdpPort().ToString(CultureInfo.InvariantCulture),
            ["Flows__IpfixPort"] = SiloProcess.FreeUdpPort().ToString(CultureInfo.InvariantCulture),
            ["Syslog__UdpPort"] = SiloProcess.FreeUdpPort().ToString(CultureInfo.InvariantCulture),
            ["Syslog__TcpPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        var job = new MainJob(BashScript.Start("exec scripts/run.sh", environment), httpPort);
        try
        {
            await job.WaitHealthyAsync(limit);
            return job;
        }
        catch
        {
            await job.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_script.Process.HasExited) Assert.Fail($"scripts/run.sh exited with {_script.Process.ExitCode}:\n{Tail()}");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }

        Assert.Fail($"scripts/run.sh did not answer /health with 200 within {limit}:\n{Tail()}");
    }

    public string Tail(int lines = 40) => string.Join('\n', _script.Output.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_script.Process.HasExited)
        {
            SiloProcess.SendSignal(_script.Process.Id, SiloProcess.SigTerm);
            await _script.WaitAsync(TimeSpan.FromMinutes(1));
        }

        _script.Dispose();
    }
}
