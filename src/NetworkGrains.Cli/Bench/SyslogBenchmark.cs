using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench syslog`: the same paced stream of syslog datagrams (<see cref="SyslogSender"/>) to the whole silo
/// (parse, vendor rules, device lookup, delivery to the device grains with their rings, rate series and events) and
/// to rsyslogd (imudp to omfile), one after the other. Reports messages per CPU-second of each process, their ratio,
/// and loss (messages not delivered or written, kernel buffer drops).
/// </summary>
public static class SyslogBenchmark
{
    private const double TargetRatio = 1;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 50_000);
        var seconds = options.Int("seconds", 60);
        var sources = options.Int("sources", 100);
        var warmup = options.Int("warmup", 10); // long enough for tiered compilation to settle: a running silo is warm
        var quiet = TimeSpan.FromSeconds(options.Seconds("quiet", 1.5));
        options.EnsureAllRead();
        Console.WriteLine($"syslog ingest: {rate:N0} messages/s for {seconds} s from {sources} loopback sources, ours then rsyslogd");

        var ours = await MeasureOursAsync(rate, seconds, sources, warmup, quiet);
        ours.Print("NetworkGrains", "messages");
        var reference = await MeasureRsyslogdAsync(rate, seconds, sources, quiet);
        reference.Print("rsyslogd", "messages");
        var ratio = ours.PerCpuSecond / reference.PerCpuSecond;
        var lossless = ours.Lost == 0 && ours.KernelDrops == 0;
        Console.WriteLine($"  ratio (messages per CPU-second) {ratio,9:F2}x   (target >= {TargetRatio}x: {(ratio >= TargetRatio ? "PASS" : "FALL SHORT")})");
        Console.WriteLine($"  zero loss at {rate:N0}/s for {seconds} s: {(lossless ? "PASS" : "FALL SHORT")}");
        BenchReport.Add(new BenchRow("syslog", "syslog ingest", ours.PerCpuSecond, "messages/CPU-s", null, null, 1 / ours.PerCpuSecond, "CPU-s per message",
            "rsyslogd", ratio, $">= {TargetRatio}x rsyslogd", ratio >= TargetRatio));
        BenchReport.Add(new BenchRow("syslog", $"loss at {rate:N0}/s", ours.Received / (double)seconds, "messages/s delivered", null, null, null, null,
            null, null, "0 lost", lossless));
        return 0;
    }

    private static async Task<ReceiverRun> MeasureOursAsync(int rate, int seconds, int sources, int warmup, TimeSpan quiet)
    {
        var port = BenchSilo.FreeUdpPort();
        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Syslog:UdpPort"] = port.ToString(),
            ["Syslog:TcpPort"] = "0",
            ["Devices:FlushInterval"] = Environment.GetEnvironmentVariable("NG_BENCH_FLUSH") ?? "00:00:10",
        });
        var directory = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        // Devices are named by their address, so every message, whatever hostname it carries, goes to its sender.
        await directory.RegisterMany(Enumerable.Range(1, sources)
            .Select(i => new DeviceRecord($"syslogger-{i}", $"syslogger-{i}", SyslogSender.Source(i).ToString(), "bench", "edge", null, null, [], null)).ToArray());

        long received = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "ng_syslog_messages") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref received, value));
        listener.Start();

        // A running silo is warm: a few seconds of the same stream first (JIT tiering, grain activations, rule automata), then settle.
        await ReceiverRun.SendAsync($"syslog-sender --port {port} --rate {rate} --seconds {warmup} --sources {sources}");
        await BenchWait.ForQuiet(() => Interlocked.Read(ref received), quiet);
        Interlocked.Exchange(ref received, 0);

        var pid = Environment.ProcessId;
        var (cpuBefore, dropsBefore) = (ProcessStats.CpuTime(pid), ProcessStats.UdpReceiveBufferErrors());
        var sent = await ReceiverRun.SendAsync($"syslog-sender --port {port} --rate {rate} --seconds {seconds} --sources {sources}");
        await BenchWait.ForQuiet(() => Interlocked.Read(ref received), quiet);
        var cpu = ProcessStats.CpuTime(pid) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        await host.StopAsync();
        return new ReceiverRun(sent, received, drops, cpu);
    }

    private static async Task<ReceiverRun> MeasureRsyslogdAsync(int rate, int seconds, int sources, TimeSpan quiet)
    {
        var port = BenchSilo.FreeUdpPort();
        var directory = Directory.CreateTempSubdirectory("ng-rsyslogd-").FullName;
        var log = Path.Combine(directory, "messages.log");
        var config = Path.Combine(directory, "rsyslog.conf");
        // Stock imudp and omfile (the default file template); no system config, no /dev/log.
        await File.WriteAllTextAsync(config,
            $"global(workDirectory=\"{directory}\")\nmodule(load=\"imudp\")\n" +
            $"input(type=\"imudp\" address=\"127.0.0.1\" port=\"{port}\")\naction(type=\"omfile\" file=\"{log}\")\n");
        using var rsyslogd = Process.Start(new ProcessStartInfo("rsyslogd", ["-n", "-f", config, "-i", Path.Combine(directory, "rsyslogd.pid")]))!;
        await WaitBoundAsync(port);

        var (cpuBefore, dropsBefore) = (ProcessStats.CpuTime(rsyslogd.Id), ProcessStats.UdpReceiveBufferErrors());
        var sent = await ReceiverRun.SendAsync($"syslog-sender --port {port} --rate {rate} --seconds {seconds} --sources {sources}");
        await BenchWait.ForQuiet(() => CountLines(log), quiet);
        var cpu = ProcessStats.CpuTime(rsyslogd.Id) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        var received = CountLines(log);
        rsyslogd.Kill();
        await rsyslogd.WaitForExitAsync();
        Directory.Delete(directory, recursive: true);
        return new ReceiverRun(sent, received, drops, cpu);
    }

    /// <summary>rsyslogd is ready when its input holds the port (our own bind to it fails).</summary>
    private static async Task WaitBoundAsync(int port)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            try
            {
                probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }
            probe.Close();
            await Task.Delay(50);
        }
        throw new InvalidOperationException("rsyslogd did not open its port");
    }

    private static long CountLines(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }
}
