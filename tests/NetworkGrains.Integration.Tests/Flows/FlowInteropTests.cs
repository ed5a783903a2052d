using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetworkGrains.Integration.Tests.Flows;

/// <summary>
/// softflowd exports one generated pcap to our collector and to nfcapd at once (`-n ours,theirs`), for NetFlow v5,
/// v9 and IPFIX: the flows, packets and bytes we count equal nfcapd's and the pcap's truth exactly.
/// </summary>
public sealed class FlowInteropTests
{
    [Fact]
    public async Task Softflowd_exports_are_counted_exactly_like_nfcapd_and_the_ground_truth_for_v5_v9_and_ipfix()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (netflowPort, ipfixPort) = (SiloProcess.FreeUdpPort(), SiloProcess.FreeUdpPort());
        var cluster = $"flow{Guid.NewGuid():N}"[..16];
        await using var silo = await StartCollectorAsync(database, netflowPort, ipfixPort, cluster);
        await silo.Http.PutDeviceAsync("edge-exporter", "127.0.0.1");
        var work = Directory.CreateTempSubdirectory("ng-flows-").FullName;
        var pcap = Path.Combine(work, "traffic.pcap");
        var truth = SyntheticPcap.Write(pcap, flows: 2_000, seed: 7);

        var counted = new Counts(0, 0, 0);
        foreach (var (version, port) in new[] { (5, netflowPort), (9, netflowPort), (10, ipfixPort) })
        {
            // softflowd sends every export to both collectors; nfcapd's totals are read back with nfdump.
            await using var nfcapd = await Nfcapd.StartAsync(Path.Combine(work, $"nfcapd-v{version}"));
            await Run("softflowd", ["-d", "-r", pcap, "-n", $"127.0.0.1:{port},127.0.0.1:{nfcapd.Port}", "-v", version.ToString(), "-a"]);
            var ours = await WaitForSummary(silo, port, counted, truth.Flows) - counted;
            counted += ours;
            var (flows, packets, bytes) = await nfcapd.StopAsync();

            Assert.Equal(new Counts(truth.Flows, truth.Packets, truth.Bytes), new Counts(flows, packets, bytes));
            Assert.Equal(new Counts(flows, packets, bytes), ours);
        }
        Assert.Equal(3 * truth.Flows, await SampledEqualsUnsampled(silo));
        await TopTalkersAgreeWithNfdump(silo, [.. new[] { 5, 9, 10 }.Select(v => Path.Combine(work, $"nfcapd-v{v}"))]);
        Directory.Delete(work, recursive: true);

        // Top talkers are not grain state: the stopping grain writes its minute to flow_top, and a new silo reads it back.
        const string topSources = "/api/v1/devices/edge-exporter/flows/top?dimension=src&last=1h&limit=50";
        var before = await silo.Http.GetStringAsync(topSources);
        var ports = silo.Ports;
        await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM flow_top WHERE device_id = 'edge-exporter' AND dimension = 'source'") >= 50);
        await using var restarted = await StartCollectorAsync(database, netflowPort, ipfixPort, cluster, ports);
        using var reread = JsonDocument.Parse(await restarted.Http.GetStringAsync(topSources));
        using var original = JsonDocument.Parse(before);
        Assert.Equal(original.RootElement.GetProperty("talkers").ToString(), reread.RootElement.GetProperty("talkers").ToString());
    }

    /// <summary>
    /// Our top talkers against nfdump's statistics over the same exports: exact for the 50 sources and the protocols
    /// (every interval kept them all); for the 200 destinations, cut to the top 50 per interval, each count is at most
    /// the reported undercount short of nfdump's.
    /// </summary>
    private static async Task TopTalkersAgreeWithNfdump(SiloProcess silo, string[] nfcapdDirectories)
    {
        foreach (var (dimension, statistic, exact) in new[] { ("src", "srcip", true), ("proto", "proto", true), ("dst", "dstip", false) })
        {
            var theirs = new Dictionary<string, (long Flows, long Packets, long Bytes)>();
            foreach (var directory in nfcapdDirectories)
            {
                var csv = await Run("nfdump", ["-R", directory, "-s", $"{statistic}/bytes", "-n", "0", "-o", "csv"]);
                foreach (var row in csv.Split('\n').Skip(1).TakeWhile(line => line.Length > 0).Select(line => line.Split(',')))
                {
                    var key = statistic == "proto" ? row[3].ToLowerInvariant() : row[4];
                    var (flows, packets, bytes) = theirs.GetValueOrDefault(key);
                    theirs[key] = (flows + long.Parse(row[5]), packets + long.Parse(row[7]), bytes + long.Parse(row[9]));
                }
            }

            using var json = JsonDocument.Parse(await silo.Http.GetStringAsync($"/api/v1/devices/edge-exporter/flows/top?dimension={dimension}&by=bytes&last=1h&limit=50"));
            var talkers = json.RootElement.GetProperty("talkers").EnumerateArray().ToArray();
            var undercount = json.RootElement.GetProperty("maxUndercount").GetProperty("bytes").GetInt64();
            Assert.Equal(Math.Min(50, theirs.Count), talkers.Length);
            foreach (var talker in talkers)
            {
                var expected = theirs[talker.GetProperty("key").GetString()!];
                var bytes = talker.GetProperty("bytes").GetInt64();
                if (exact) Assert.Equal(expected, (talker.GetProperty("flows").GetInt64(), talker.GetProperty("packets").GetInt64(), bytes));
                else Assert.InRange(expected.Bytes - bytes, 0, undercount);
            }
            if (exact) Assert.Equal(0, undercount);
            var ourOrder = talkers.Select(t => t.GetProperty("bytes").GetInt64()).ToArray();
            Assert.Equal(ourOrder.OrderDescending(), ourOrder);
        }
    }

    [Fact]
    public async Task Malformed_datagrams_are_counted_per_reason_bad_flow_queries_refused_and_the_collector_keeps_going()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (netflowPort, ipfixPort) = (SiloProcess.FreeUdpPort(), SiloProcess.FreeUdpPort());
        await using var silo = await StartCollectorAsync(database, netflowPort, ipfixPort, $"flow{Guid.NewGuid():N}"[..16]);
        using var sender = new UdpClient("127.0.0.1", netflowPort);
        await sender.SendAsync(new byte[] { 0x00, 0x05, 0xFF, 0xFF }.Concat(new byte[20]).ToArray()); // a bare v5 header claiming 65,535 records
        await sender.SendAsync(new byte[] { 0x00, 0x05, 0x00 });                        // truncated v5 header
        await sender.SendAsync(new byte[] { 0x00, 0x07, 0x00, 0x01 });                  // NetFlow v7
        var lyingSet = new byte[24];
        lyingSet[1] = 9;
        lyingSet[20 + 1] = 0; lyingSet[20 + 2] = 0xFF; lyingSet[20 + 3] = 0xFF;          // a set longer than the datagram
        await sender.SendAsync(lyingSet);
        using var ipfix = new UdpClient("127.0.0.1", ipfixPort);
        await ipfix.SendAsync(new byte[] { 0x00, 0x0A, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00, 0x08, 1, 2, 3, 4 }); // data, no template... and length past the datagram

        // Each reason is counted once its datagram is read (two sockets, two receive threads): wait for all three.
        string[] reasons = ["truncated", "unsupported_version", "bad_set_length"];
        var metrics = "";
        long Truncated() => Regex.Match(metrics, @"ng_flow_drops(_total)?\{[^}]*reason=""truncated""[^}]*\} (\d+)") is { Success: true } m
            ? long.Parse(m.Groups[2].Value) : 0;
        await Poll.UntilAsync(async () =>
        {
            metrics = await silo.Http.GetStringAsync("/metrics");
            return Truncated() >= 3 && reasons.All(reason => Regex.IsMatch(metrics, $@"ng_flow_drops(_total)?\{{[^}}]*reason=""{reason}""[^}}]*\}} [1-9]"));
        });
        Assert.Equal(3, Truncated()); // one per truncated datagram (two v5, one IPFIX), not the 65,535 records one claimed
        using var health = await silo.Http.GetAsync("/health");
        Assert.True(health.IsSuccessStatusCode, silo.Tail());

        await silo.Http.PutDeviceAsync("edge-exporter", "10.99.0.1"); // not loopback: stray packets from earlier tests may have auto-registered it
        foreach (var (query, field) in new[]
        {
            ("by=flows", "by"), ("dimension=vlan", "dimension"), ("last=15", "last"), ("last=2h", "last"), ("last=-5m", "last"),
            ("limit=0", "limit"), ("limit=51", "limit"), ("limit=ten", "limit"),
        })
        {
            using var response = await silo.Http.GetAsync($"/api/v1/devices/edge-exporter/flows/top?{query}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem.RootElement}");
        }
        using var unknown = await silo.Http.GetAsync("/api/v1/devices/no-such-device/flows/top");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        using var empty = JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/devices/edge-exporter/flows/top?dimension=as&by=packets"));
        Assert.Empty(empty.RootElement.GetProperty("talkers").EnumerateArray());
    }

    /// <summary>A silo whose collector pushes every second, so tests wait for one interval, not ten seconds.</summary>
    private static Task<SiloProcess> StartCollectorAsync(TestDatabase database, int netflowPort, int ipfixPort, string cluster, SiloPorts? ports = null) =>
        SiloProcess.StartAsync(database.ConnectionString, cluster, new Dictionary<string, string>
        {
            ["Flows__NetFlowPort"] = netflowPort.ToString(),
            ["Flows__IpfixPort"] = ipfixPort.ToString(),
            ["Flows__AggregationInterval"] = "00:00:01",
        }, ports);

    internal readonly record struct Counts(long Flows, long Packets, long Bytes)
    {
        public static Counts operator -(Counts a, Counts b) => new(a.Flows - b.Flows, a.Packets - b.Packets, a.Bytes - b.Bytes);
        public static Counts operator +(Counts a, Counts b) => new(a.Flows + b.Flows, a.Packets + b.Packets, a.Bytes + b.Bytes);
    }

    /// <summary>
    /// Our totals once the collector has taken all that was sent (call it after the sender has exited): at least the
    /// expected count, nothing left unread on <paramref name="port"/>, and every record decoded (ng_flow_records) in
    /// the summary. Anything beyond the expected count shows then.
    /// </summary>
    private static async Task<Counts> WaitForSummary(SiloProcess silo, int port, Counts before, long expectedNewFlows)
    {
        await Poll.UntilAsync(async () => (await Summary(silo)).Flows >= before.Flows + expectedNewFlows);
        await LoopbackUdp.WaitDrainedAsync(port, "the silo's flow collector");
        return await Poll.UntilAsync(async () => await Summary(silo) is var now && now.Flows == await DecodedRecords(silo) ? now : (Counts?)null);
    }

    /// <summary>What the device edge-exporter recorded, as /api/v1/flows/summary says.</summary>
    internal static async Task<Counts> Summary(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/flows/summary?exporter=edge-exporter"));
        var r = json.RootElement;
        return new Counts(r.GetProperty("flows").GetInt64(), r.GetProperty("packets").GetInt64(), r.GetProperty("bytes").GetInt64());
    }

    /// <summary>The flow records the silo decoded since it started (ng_flow_records).</summary>
    internal static Task<long> DecodedRecords(SiloProcess silo) => silo.CounterAsync("ng_flow_records");

    /// <summary>softflowd does not sample: the sampled totals equal the exported ones. Returns the flow count.</summary>
    private static async Task<long> SampledEqualsUnsampled(SiloProcess silo)
    {
        using var json = JsonDocument.Parse(await silo.Http.GetStringAsync("/api/v1/flows/summary?exporter=edge-exporter"));
        var r = json.RootElement;
        Assert.Equal(r.GetProperty("packets").GetInt64(), r.GetProperty("sampledPackets").GetInt64());
        Assert.Equal(r.GetProperty("bytes").GetInt64(), r.GetProperty("sampledBytes").GetInt64());
        return r.GetProperty("flows").GetInt64();
    }

    private static async Task<string> Run(string tool, string[] arguments)
    {
        var info = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        return await output;
    }
}
