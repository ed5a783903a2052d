using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Contract;

namespace NetworkGrains.Integration.Tests;

/// <summary>The real silo executable in its own process, on free loopback ports, in the Postgres profile.</summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    internal const int SigTerm = 15;
    private readonly Process _process;
    private readonly string _logPath;
    private readonly string? _tlsCertificateFile;
    private OpenApiContract? _contract;

    private SiloProcess(Process process, string logPath, SiloPorts ports, string? tlsCertificateFile, IReadOnlyDictionary<string, string> settings)
    {
        Settings = settings;
        _process = process;
        _logPath = logPath;
        _tlsCertificateFile = tlsCertificateFile;
        Ports = ports;
        Http = CreateClient(null);
    }

    /// <summary>
    /// A client of this silo's API with <paramref name="key"/> (none: anonymous); every response it gets is checked
    /// against the OpenAPI document the silo serves. Over HTTPS it trusts the silo's certificate and no other.
    /// </summary>
    public HttpClient CreateClient(string? key)
    {
        var scheme = _tlsCertificateFile is null ? "http" : "https";
        var client = new HttpClient(new ContractCheckingHandler(() => _contract, Transport()))
        {
            BaseAddress = new Uri($"{scheme}://127.0.0.1:{Ports.Http}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private HttpClientHandler Transport()
    {
        if (_tlsCertificateFile is null) return new HttpClientHandler();
        using var expected = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_tlsCertificateFile));
        var thumbprint = expected.Thumbprint;
        return new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
    }

    public HttpClient Http { get; }

    /// <summary>The environment the silo was started with (its UDP ports among them: Snmp__TrapPort, Flows__NetFlowPort, Flows__IpfixPort, Syslog__UdpPort; Syslog__TcpPort, Syslog__TlsPort).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Pass these to <see cref="StartAsync"/> to restart the silo on the same endpoint, as a real restart does.</summary>
    public SiloPorts Ports { get; }
    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;
    public int ExitCode => _process.ExitCode;
    public string Log => File.Exists(_logPath) ? File.ReadAllText(_logPath) : "";

    public static async Task<SiloProcess> StartAsync(
        string connectionString, string clusterId, IDictionary<string, string>? settings = null, SiloPorts? ports = null)
    {
        // A port found free may be taken by another process before the silo binds it: then the silo stops at start
        // saying so, and another set of free ports is tried.
        for (var attempt = 1; ; attempt++)
        {
            var silo = await LaunchAsync(connectionString, clusterId, settings, ports);
            try
            {
                await silo.WaitStartedAsync(connectionString);
                return silo;
            }
            catch (Exception) when (attempt < 3 && silo.ExitedForATakenPort())
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<SiloProcess> LaunchAsync(string connectionString, string clusterId, IDictionary<string, string>? settings, SiloPorts? ports)
    {
        var (httpPort, siloPort, gatewayPort) = ports ?? new SiloPorts(FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet", [SiloDll()])
        {
            WorkingDirectory = Path.GetDirectoryName(SiloDll()),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ORT_DISABLE_TELEMETRY"] = "1",
            ["NetworkGrains__Profile"] = "Postgres",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Models__SigningKeyFile"] = Path.Combine(Path.GetTempPath(), "ng-keys", clusterId + ".pem"),
            ["DataProtection__KeyFile"] = Path.Combine(Path.GetTempPath(), "ng-keys", clusterId + ".keys"),
            ["NetworkGrains__ClusterId"] = clusterId,
            ["NetworkGrains__ServiceId"] = clusterId,
            ["NetworkGrains__HttpPort"] = httpPort.ToString(),
            ["NetworkGrains__SiloPort"] = siloPort.ToString(),
            ["NetworkGrains__GatewayPort"] = gatewayPort.ToString(),
            ["NetworkGrains__ResponseTimeout"] = "00:00:05",
            ["Snmp__TrapPort"] = FreeUdpPort().ToString(),
            ["Flows__NetFlowPort"] = FreeUdpPort().ToString(),
            ["Flows__IpfixPort"] = FreeUdpPort().ToString(),
            ["Syslog__UdpPort"] = FreeUdpPort().ToString(),
            ["Syslog__TcpPort"] = FreePort().ToString(),
            ["Syslog__TlsPort"] = FreePort().ToString(),
            // Fast failure detection: a killed silo is declared dead in seconds, not tens of seconds.
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Cluster__Membership__TableRefreshTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var logPath = Path.Combine(Path.GetTempPath(), $"ng-silo-{clusterId}-{httpPort}-{Guid.NewGuid():N}.log");
        var process = Process.Start(info)!;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new SiloProcess(process, logPath, new SiloPorts(httpPort, siloPort, gatewayPort), environment.GetValueOrDefault("NetworkGrains__TlsCertificateFile"), environment);
    }

    private bool ExitedForATakenPort()
    {
        if (!_process.HasExited) return false;
        _process.WaitForExit(); // its output read to the end
        return Log.Contains("address already in use", StringComparison.Ordinal);
    }

    private async Task WaitStartedAsync(string connectionString)
    {
        await WaitHealthyAsync(TimeSpan.FromSeconds(90));
        // /health answers before the UDP listeners bind (they start once the host has): a datagram sent earlier is lost.
        foreach (var (port, enabled) in new[] { ("Snmp__TrapPort", "Snmp__TrapReceiverEnabled"), ("Flows__NetFlowPort", "Flows__CollectorEnabled"), ("Flows__IpfixPort", "Flows__CollectorEnabled") })
        {
            if (!string.Equals(Settings.GetValueOrDefault(enabled), "false", StringComparison.OrdinalIgnoreCase))
                await LoopbackUdp.WaitBoundAsync(int.Parse(Settings[port]), $"the silo's {port}", _process);
        }
        // The API needs a key in the Postgres profile: the tests act as an admin unless they say otherwise.
        Http.DefaultRequestHeaders.Authorization = new("Bearer", await TestKeys.CreateAsync(connectionString, "admin"));
        _contract = new OpenApiContract(await Http.GetStringAsync("/openapi/v1.json"));
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"The silo exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        Assert.Fail($"The silo was not healthy within {timeout}:\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a container runtime or systemd stops it; waits for the graceful exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        Assert.Equal(0, SendSignal(_process.Id, SigTerm));
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public string Tail(int lines = 60) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    /// <summary>
    /// A counter of /metrics (its first series, or the one whose <paramref name="label"/> is <paramref name="value"/>);
    /// 0 before it has counted anything.
    /// </summary>
    public async Task<long> CounterAsync(string name, string? label = null, string? value = null)
    {
        var series = label is null ? @"(?:\{[^}]*\})?" : $@"\{{[^}}]*{label}=""{value}""[^}}]*\}}";
        return Regex.Match(await Http.GetStringAsync("/metrics"), $@"^{name}(?:_total)?{series} (\d+)", RegexOptions.Multiline) is { Success: true } m
            ? long.Parse(m.Groups[1].Value) : 0;
    }

    /// <summary>The last warnings and errors of the log, their first lines only: what a failure message shows first.</summary>
    public string Warnings(int lines = 5) =>
        string.Join('\n', Log.Split('\n').Where(l => l.Contains(" WRN] ", StringComparison.Ordinal) || l.Contains(" ERR] ", StringComparison.Ordinal)).TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        Http.Dispose();
        _process.Dispose();
    }

    /// <summary>The silo with this environment, expected to stop by itself (a setting it cannot run with): its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = BuiltDll("NetworkGrains.Silo", "NetworkGrains.Silo.dll");
        var info = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the silo did not stop by itself:\n{await output}");
        }
        return (process.ExitCode, await output + await errors);
    }

    internal static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string SiloDll() => BuiltDll("NetworkGrains.Silo", "NetworkGrains.Silo.dll");

    /// <summary>A program of the solution built beside this test assembly's configuration (scripts/test.sh builds the solution).</summary>
    internal static string BuiltDll(string project, string dllName)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(Repository.Root, "src", project, "bin", configuration, "net10.0", dllName);
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (scripts/test.sh does).", dll);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    internal static partial int SendSignal(int pid, int signal);
}

public sealed record SiloPorts(int Http, int Silo, int Gateway);
