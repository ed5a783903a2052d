using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench flow-sender`: exports flow records at a paced rate (or as fast as it can, within the seconds) from many loopback
/// exporters (127.0.2.x), in NetFlow v5, v9 or IPFIX, in its own process so that collectors are measured alone.
/// Templates go out first and again every <see cref="TemplateEvery"/> datagrams per exporter. Prints the records sent
/// and the seconds it took.
/// </summary>
public static class FlowSender
{
    private const int TemplateEvery = 500;
    private const int DatagramsPerExporter = 256;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var port = options.Int("port", 2055);
        var rate = options.Int("rate", 300_000);
        var seconds = options.Int("seconds", 10);
        var version = options.Int("version", 9);
        var exporters = options.Int("exporters", 20);
        options.EnsureAllRead();

        var target = new IPEndPoint(IPAddress.Loopback, port);
        var sockets = SenderSockets.BoundTo(Enumerable.Range(1, exporters).Select(ExporterAddress));
        var writers = Enumerable.Range(0, exporters).Select(_ => new FlowExportWriter(version)).ToArray();
        var perDatagram = writers[0].RecordsPerDatagram;
        var datagrams = writers.Select((writer, i) => Datagrams(writer, DatagramsPerExporter, new Random(i))).ToArray();
        var templates = version == 5 ? null : writers.Select(w => w.Template()).ToArray();

        var clock = Stopwatch.StartNew();
        long sent = 0;
        var total = (long)rate * seconds / perDatagram;
        var datagramRate = (double)rate / perDatagram;
        // A rate beyond what this sender manages sends flat out; the time limit still ends it.
        while (sent < total && clock.Elapsed.TotalSeconds < seconds + 1)
        {
            var due = Math.Min(Math.Min(total, sent + 10_000), (long)(clock.Elapsed.TotalSeconds * datagramRate));
            for (; sent < due; sent++)
            {
                var exporter = (int)(sent % exporters);
                var round = sent / exporters;
                if (templates is not null && round % TemplateEvery == 0) sockets[exporter].SendTo(templates[exporter], target);
                sockets[exporter].SendTo(datagrams[exporter][round % DatagramsPerExporter], target);
            }
            await Task.Delay(1);
        }
        Console.WriteLine(FormattableString.Invariant($"{sent * perDatagram} {clock.Elapsed.TotalSeconds:F3}"));
        foreach (var socket in sockets) socket.Dispose();
        return 0;
    }

    public static IPAddress ExporterAddress(int index) => IPAddress.Parse($"127.0.2.{index}");

    /// <summary>Full datagrams of plausible traffic: a few heavy hosts and many light ones, web, DNS and the rest.</summary>
    public static byte[][] Datagrams(FlowExportWriter writer, int count, Random random)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = new FlowRecord[writer.RecordsPerDatagram];
        return Enumerable.Range(0, count).Select(_ =>
        {
            for (var i = 0; i < records.Length; i++)
            {
                var heavy = random.Next(4) == 0;
                var protocol = random.Next(10) < 7 ? (byte)6 : (byte)17;
                var packets = (ulong)(heavy ? random.Next(100, 10_000) : random.Next(1, 20));
                records[i] = new FlowRecord
                {
                    Source = FlowAddress.FromIPv4(0x0A00_0000u | (uint)(heavy ? random.Next(16) : random.Next(65_536))),
                    Destination = FlowAddress.FromIPv4(0xC0A8_0000u | (uint)random.Next(4_096)),
                    SourcePort = (ushort)random.Next(1_024, 65_535),
                    DestinationPort = protocol == 17 ? (ushort)53 : new ushort[] { 443, 80, 22, 8443 }[random.Next(4)],
                    Protocol = protocol,
                    TcpFlags = protocol == 6 ? (byte)0x1B : (byte)0,
                    Packets = packets,
                    Bytes = packets * (ulong)random.Next(64, 1_500),
                    InputInterface = (uint)random.Next(1, 49),
                    OutputInterface = (uint)random.Next(1, 49),
                    SourceAs = 64_512u + (uint)random.Next(100),
                    DestinationAs = 64_512u + (uint)random.Next(100),
                    StartMilliseconds = now - 30_000,
                    EndMilliseconds = now - 1_000,
                    SamplingInterval = 1,
                };
            }
            return writer.Data(records, now, upTimeMilliseconds: 3_600_000);
        }).ToArray();
    }
}
