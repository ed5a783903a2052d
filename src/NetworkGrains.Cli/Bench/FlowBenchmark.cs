using System.Diagnostics;
using System.Globalization;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;
using NetworkGrains.Silo.Flows;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench flows`: for each export version, the same paced stream from many exporters to our collector
/// (receive, decode, aggregate, top talkers, push to the device grains) and to nfcapd (decode, write nfdump files),
/// one after the other: records per CPU-second of each process, our decoder alone beside them, and loss (records
/// not delivered to the device grains, kernel buffer drops). Then a flat-out peak.
/// </summary>
public static partial class FlowBenchmark
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var rate = options.Int("rate", 300_000);
        var seconds = options.Int("seconds", 20);
        var exporters = options.Int("exporters", 20);
        var peakSeconds = options.Int("peak-seconds", 10);
        var warmup = options.Int("warmup", 10); // long enough for tiered compilation to settle: a running silo is warm
        var idleSeconds = options.Seconds("idle-seconds", 5);
        var decoderSeconds = options.Seconds("decoder-seconds", 2);
        var drainSeconds = options.Seconds("drain-seconds", 2);
        var versions = (options.Text("versions") ?? "5,9,10").Split(',').Select(int.Parse).ToArray();
        options.EnsureAllRead();

        Console.WriteLine($"flow ingest: {rate:N0} records/s for {seconds} s from {exporters} loopback exporters, ours then nfcapd");
        // Pushes every second, so that the device grains' share of the work falls inside each measurement.
        using var host = await BenchSilo.StartAsync(new Dictionary<string, string?> { ["Flows:AggregationInterval"] = "00:00:01" });
        var ports = (NetFlow: BenchSilo.Setting(host, "Flows:NetFlowPort"), Ipfix: BenchSilo.Setting(host, "Flows:IpfixPort"));
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).RegisterMany(Enumerable.Range(1, exporters)
            .Select(i => new DeviceRecord($"exporter-{i}", $"exporter-{i}", FlowSender.ExporterAddress(i).ToString(), "bench", "edge", null, null, [], null)).ToArray());
        using var received = new RecordCounter();
        // A running silo is warm: a few seconds of each version first (JIT tiering, grain activations), then settle.
        foreach (var version in versions) await SendAsync(version == 10 ? ports.Ipfix : ports.NetFlow, version, rate, warmup, exporters);
        await IdleCpuShareAsync(idleSeconds);
        var idle = await IdleCpuShareAsync(idleSeconds);
        Console.WriteLine($"  idle silo: {idle:P1} of a core (timers, dashboard), part of every collector figure below");

        foreach (var version in versions)
        {
            var name = version == 10 ? "IPFIX" : $"NetFlow v{version}";
            var port = version == 10 ? ports.Ipfix : ports.NetFlow;
            var ours = await MeasureOursAsync(grains, received, port, version, rate, seconds, exporters);
            var reference = await MeasureNfcapdAsync(version, rate, seconds, exporters, drainSeconds);
            var (decoder, aggregation) = MeasureDecoderAlone(version, decoderSeconds);
            Print($"{name}: NetworkGrains silo", ours);
            Print($"{name}: nfcapd", reference);
            Console.WriteLine($"  {name}: our decoder alone {decoder,12:N0} records/CPU-s, with aggregation and top talkers {aggregation,12:N0}");
            var ratio = ours.PerCpuSecond / reference.PerCpuSecond;
            var noLoss = ours.Lost == 0 && ours.KernelDrops == 0;
            Console.WriteLine($"  {name}: whole silo / nfcapd {ratio,5:F2}x (target >= 1x: {Verdict(ratio >= 1)});  " +
                $"zero loss at {rate:N0}/s for {seconds} s: {Verdict(noLoss)}");
            // The decoder alone against nfcapd's whole process is not like for like: a diagnostic, with no ratio and no verdict.
            BenchReport.Add(new BenchRow("flows", $"{name} decoder alone", decoder, "records/CPU-s", null, null, 1 / decoder, "CPU-s per record",
                null, null, Diagnostic, null));
            BenchReport.Add(new BenchRow("flows", $"{name} whole silo", ours.PerCpuSecond, "records/CPU-s", null, null, 1 / ours.PerCpuSecond, "CPU-s per record",
                "nfcapd", ratio, ">= 1x nfcapd", ratio >= 1));
            BenchReport.Add(new BenchRow("flows", $"{name} at {rate:N0}/s", ours.Received / ours.SendSeconds, "records/s", null, null, null, null,
                null, null, "0 lost", noLoss));
        }

        var peak = await MeasureOursAsync(grains, received, ports.NetFlow, 9, 50_000_000, peakSeconds, exporters);
        var peakRate = peak.Received / peak.SendSeconds;
        Console.WriteLine($"  peak (NetFlow v9 flat out for {peakSeconds} s, sender and silo sharing the cores): sent {peak.Sent:N0}, delivered {peak.Received:N0} " +
            $"= {peakRate:N0} records/s  (target >= 1,000,000/s: {Verdict(peakRate >= 1_000_000)})");
        BenchReport.Add(new BenchRow("flows", "peak NetFlow v9", peakRate, "records/s", null, null, null, null, null, null, ">= 1,000,000 records/s", peakRate >= 1_000_000));
        await host.StopAsync();
        return 0;
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "FALL SHORT";

    private const string Diagnostic = "diagnostic: no verdict";

    private static void Print(string name, Result r) => Console.WriteLine(
        $"  {name,-28} sent {r.Sent,11:N0}  delivered {r.Received,11:N0}  lost {r.Lost,9:N0}  kernel drops {r.KernelDrops,7:N0}  " +
        $"CPU {r.Cpu.TotalSeconds,6:F1} s  {r.PerCpuSecond,11:N0} records/CPU-s");

    private static async Task<double> IdleCpuShareAsync(double seconds)
    {
        var before = ProcessStats.CpuTime(Environment.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        return (ProcessStats.CpuTime(Environment.ProcessId) - before).TotalSeconds / seconds;
    }

    /// <summary>CPU from the first datagram until every record decoded has reached its device grain.</summary>
    private static async Task<Result> MeasureOursAsync(IGrainFactory grains, RecordCounter received, int port, int version, int rate, int seconds, int exporters)
    {
        var pid = Environment.ProcessId;
        var deliveredBefore = await DeliveredAsync(grains, exporters);
        var (cpuBefore, dropsBefore, decodedBefore) = (ProcessStats.CpuTime(pid), ProcessStats.UdpReceiveBufferErrors(), received.Count);
        var (sent, sendSeconds) = await SendAsync(port, version, rate, seconds, exporters);
        long delivered, decoded = received.Count - decodedBefore;
        var (clock, stillPolls) = (Stopwatch.StartNew(), 0);
        do
        {
            await Task.Delay(200);
            delivered = await DeliveredAsync(grains, exporters) - deliveredBefore;
            var now = received.Count - decodedBefore;
            (stillPolls, decoded) = (now == decoded ? stillPolls + 1 : 0, now);
            // Records the kernel dropped never come: once decoding has stood still for a second, the decoded ones are all to wait for.
        } while ((delivered < decoded || (delivered < sent && stillPolls < 5)) && clock.Elapsed < TimeSpan.FromSeconds(5));
        var cpu = ProcessStats.CpuTime(pid) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        return new Result(sent, delivered, drops, cpu, sendSeconds);
    }

    private static async Task<long> DeliveredAsync(IGrainFactory grains, int exporters)
    {
        var (from, to) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var totals = await Task.WhenAll(Enumerable.Range(1, exporters).Select(i => grains.GetGrain<IDeviceGrain>($"exporter-{i}").GetFlowSummary(from, to)));
        return totals.Sum(t => t.Flows);
    }

    private static async Task<Result> MeasureNfcapdAsync(int version, int rate, int seconds, int exporters, double drainSeconds)
    {
        var port = BenchSilo.FreeUdpPort();
        var directory = Directory.CreateTempSubdirectory("ng-nfcapd-").FullName;
        using var nfcapd = Process.Start(new ProcessStartInfo("nfcapd", ["-b", "127.0.0.1", "-p", port.ToString(), "-w", directory, "-t", "3600", "-B", "16777216"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = nfcapd.StandardOutput.ReadToEndAsync();
        _ = nfcapd.StandardError.ReadToEndAsync();
        await Task.Delay(1_000);

        var (cpuBefore, dropsBefore) = (ProcessStats.CpuTime(nfcapd.Id), ProcessStats.UdpReceiveBufferErrors());
        var (sent, sendSeconds) = await SendAsync(port, version, rate, seconds, exporters);
        await Task.Delay(TimeSpan.FromSeconds(drainSeconds)); // nfcapd cannot be asked how far it is; its socket buffer drains in well under this
        var cpu = ProcessStats.CpuTime(nfcapd.Id) - cpuBefore;
        var drops = ProcessStats.UdpReceiveBufferErrors() - dropsBefore;
        ProcessStats.Terminate(nfcapd.Id);
        await nfcapd.WaitForExitAsync();

        using var nfdump = Process.Start(new ProcessStartInfo("nfdump", ["-R", directory, "-I"]) { RedirectStandardOutput = true })!;
        var summary = await nfdump.StandardOutput.ReadToEndAsync();
        await nfdump.WaitForExitAsync();
        Directory.Delete(directory, recursive: true);
        var flows = FlowsLine().Match(summary) is { Success: true } match ? long.Parse(match.Groups[1].Value) : 0;
        return new Result(sent, flows, drops, cpu, sendSeconds);
    }

    /// <summary>
    /// Our decoder alone on one core, then decoder plus the collector's aggregation (interfaces, totals, top talkers):
    /// full datagrams of the sender's traffic, <paramref name="seconds"/> each. Records per CPU-second.
    /// </summary>
    private static (double Decoder, double Aggregation) MeasureDecoderAlone(int version, double seconds)
    {
        var writer = new FlowExportWriter(version);
        var datagrams = FlowSender.Datagrams(writer, 256, new Random(1));
        var exporter = FlowAddress.FromIPv4(0x7F000201);
        var decoder = new FlowDecoder(TimeProvider.System);
        var sink = new CountingSink();
        var accumulator = new FlowAccumulator();
        if (version != 5)
        {
            decoder.Decode(writer.Template(), exporter, sink);
            accumulator.Add(decoder, writer.Template(), exporter);
        }
        var decoding = RecordsPerCpuSecond(i => decoder.Decode(datagrams[i % datagrams.Length], exporter, sink), writer.RecordsPerDatagram, seconds);
        if (sink.Records % writer.RecordsPerDatagram != 0 || sink.Records == 0) throw new InvalidOperationException($"the decoder found {sink.Records} records");
        var aggregating = RecordsPerCpuSecond(i => accumulator.Add(decoder, datagrams[i % datagrams.Length], exporter), writer.RecordsPerDatagram, seconds);
        if (sink.Drops > 0) throw new InvalidOperationException($"the decoder dropped {sink.Drops} of the sender's records");
        return (decoding, aggregating);
    }

    private static double RecordsPerCpuSecond(Action<int> decodeDatagram, int recordsPerDatagram, double seconds)
    {
        var (cpuBefore, clock, window) = (ProcessStats.CpuTime(Environment.ProcessId), Stopwatch.StartNew(), TimeSpan.FromSeconds(seconds));
        var datagrams = 0;
        for (; clock.Elapsed < window; datagrams++) decodeDatagram(datagrams);
        return (double)datagrams * recordsPerDatagram / (ProcessStats.CpuTime(Environment.ProcessId) - cpuBefore).TotalSeconds;
    }

    private static async Task<(long Records, double Seconds)> SendAsync(int port, int version, int rate, int seconds, int exporters)
    {
        using var sender = ProcessStats.StartSelf($"bench flow-sender --port {port} --version {version} --rate {rate} --seconds {seconds} --exporters {exporters}");
        var output = (await sender.StandardOutput.ReadToEndAsync()).Trim().Split(' ');
        await sender.WaitForExitAsync();
        return (long.Parse(output[0], CultureInfo.InvariantCulture), double.Parse(output[1], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^Flows: (\d+)", RegexOptions.Multiline)]
    private static partial Regex FlowsLine();

    private sealed class CountingSink : IFlowSink
    {
        public long Records, Drops;
        public void OnRecord(in FlowRecord record) => Records++;
        public void OnDrop(FlowDropReason reason) => Drops++;
    }

    /// <summary>ng_flow_records as the collector counts them.</summary>
    private sealed class RecordCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RecordCounter()
        {
            _listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "ng_flow_records") l.EnableMeasurementEvents(instrument); };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private sealed record Result(long Sent, long Received, long KernelDrops, TimeSpan Cpu, double SendSeconds)
    {
        public long Lost => Sent - Received;
        public double PerCpuSecond => Received / Math.Max(Cpu.TotalSeconds, 0.01);
    }
}
