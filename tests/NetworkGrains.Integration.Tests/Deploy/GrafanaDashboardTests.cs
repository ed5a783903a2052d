using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NetworkGrains.Integration.Tests.Models;
using NetworkGrains.Integration.Tests.Simulation;

namespace NetworkGrains.Integration.Tests.Deploy;

/// <summary>deploy/grafana/networkgrains.json against a real silo's /metrics: every series a panel queries is one the silo exports.</summary>
public sealed class GrafanaDashboardTests
{
    private static readonly string DashboardFile = Path.Combine(Repository.Root, "deploy", "grafana", "networkgrains.json");

    [Theory]
    [InlineData("sum by (reason) (rate(ng_flow_drops_total{instance=~\"$instance\", kind=\"a{b\"}[$__rate_interval]))", "ng_flow_drops_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(orleans_app_requests_latency_milliseconds_bucket[5m])))", "orleans_app_requests_latency_milliseconds_bucket")]
    [InlineData("sum(rate(a_total[1m])) / on (model) group_left (version) sum(b_total) > bool 0.1", "a_total b_total")]
    [InlineData("label_values(dotnet_process_cpu_count, instance)", "dotnet_process_cpu_count")]
    [InlineData("max by (model, version, feature) (ng_model_drift_psi offset 5m)", "ng_model_drift_psi")]
    public void PromQl_metric_names_are_found_and_nothing_else(string expression, string names) =>
        Assert.Equal(names.Split(' ').Order(), PromQl.MetricNames(expression).Order());

    [Fact]
    public async Task Every_series_the_dashboard_queries_is_on_the_silos_metrics()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DashboardFile));
        var queries = PromQl.Queries(dashboard.RootElement).ToList();
        Assert.NotEmpty(queries);
        foreach (var (where, query) in queries) Assert.True(PromQl.MetricNames(query).Count > 0, $"{where}: no metric in {query}");
        var wanted = queries.SelectMany(q => PromQl.MetricNames(q.Query)).ToHashSet();

        await using var agent = await SnmpAgent.StartAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"graf{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Devices__FlushInterval"] = "00:00:01",
            ["Flows__AggregationInterval"] = "00:00:01",
        });
        var http = silo.Http;
        await ProduceEverySeriesAsync(silo, agent);

        var missing = wanted;
        try
        {
            await Poll.UntilAsync(async () =>
            {
                var exported = ExportedNames(await http.GetStringAsync("/metrics"));
                missing = wanted.Where(name => !exported.Contains(name)).ToHashSet();
                return missing.Count == 0;
            }, seconds: 60);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the dashboard queries series the silo does not export: {string.Join(", ", missing.Order())}");
        }
    }

    /// <summary>The names of the series on a Prometheus text page.</summary>
    private static HashSet<string> ExportedNames(string page) =>
        page.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line[..line.IndexOfAny(['{', ' '])]).ToHashSet();

    /// <summary>What a working network sends, and a little of what a broken one does: each counter has to count something before it is exported.</summary>
    private static async Task ProduceEverySeriesAsync(SiloProcess silo, SnmpAgent agent)
    {
        var http = silo.Http;
        await http.PutDeviceAsync("agent-1", "127.0.0.1");
        using (var polling = await http.PutAsJsonAsync("/api/v1/devices/agent-1/polling",
            new { version = "v2c", credential = "public", port = agent.Endpoint.Port, interval = "00:00:01", oidSets = new[] { "system" } }))
            Assert.True(polling.IsSuccessStatusCode, await polling.Content.ReadAsStringAsync());

        await http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "dashboard-cpu",
            trigger = new { categories = new[] { "cpu" }, minSeverity = "low", devices = new[] { "edge-1" } },
            actions = new[] { new { type = "open_investigation" } },
        }, HttpStatusCode.Created);
        await http.PutDeviceAsync("edge-1", "10.9.0.1");
        await http.PostCpuSpikeAsync("edge-1"); // a verdict, an anomaly, the rule's action; two days old: rollups written behind
        await http.PutDeviceAsync("edge-2", "10.9.0.2");
        foreach (var minutesAgo in new[] { 1, 2 }) // the second is older than the series' last point: dropped, out of order
        {
            using var posted = await http.PostAsJsonAsync("/api/v1/devices/edge-2/telemetry", new[] { new { metric = "cpu", timestamp = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), value = 5.0 } });
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        var trapPort = int.Parse(silo.Settings["Snmp__TrapPort"]);
        await SnmpTrapAsync(trapPort);
        await SendAsync(IPAddress.Loopback, trapPort, [0x30, 0x03, 0x02]);
        var netflowPort = int.Parse(silo.Settings["Flows__NetFlowPort"]);
        await SendAsync(IPAddress.Loopback, netflowPort, NetFlowV5());
        await SendAsync(IPAddress.Loopback, netflowPort, [0x00, 0x63, 0x00, 0x00]);
        var syslogPort = int.Parse(silo.Settings["Syslog__UdpPort"]);
        await SendAsync(IPAddress.Loopback, syslogPort, Encoding.UTF8.GetBytes("<189>12: *Mar  1 00:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down"));
        await SendAsync(IPAddress.Loopback, syslogPort, Encoding.UTF8.GetBytes("no priority"));
        await SendAsync(IPAddress.Parse("127.0.0.2"), syslogPort, Encoding.UTF8.GetBytes("<14>Mar  1 00:01:02 host app: from an address nobody registered"));

        await ScoreUntilDriftIsMeasuredAsync(http);
    }

    /// <summary>A model trained and deployed over REST, then enough small calls for the drift monitor to close a window.</summary>
    private static async Task ScoreUntilDriftIsMeasuredAsync(HttpClient http)
    {
        await http.DeployTrainedWindowsModelAsync("dashboard-model");
        object[] rows = [new[] { 50.0, 40.0, 35.0 }, new[] { 60.0, 3.0, 95.0 }];
        for (var call = 0; call < Grains.Inference.DriftMonitor.WindowRows / Grains.Inference.DriftMonitor.SampledRowsPerCall; call++)
            await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "dashboard-model", rows }, HttpStatusCode.OK);
    }

    private static async Task SnmpTrapAsync(int port)
    {
        var home = Directory.CreateTempSubdirectory("ng-netsnmp-").FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "snmp.conf"), $"persistentDir {home}\n");
        await Tools.RunAsync("snmptrap", ["-v", "2c", "-c", "public", $"127.0.0.1:{port}", "100", "1.3.6.1.6.3.1.1.5.3"],
            new Dictionary<string, string> { ["SNMPCONFPATH"] = home, ["MIBS"] = "" });
    }

    private static async Task SendAsync(IPAddress from, int port, byte[] datagram)
    {
        using var udp = new UdpClient(new IPEndPoint(from, 0));
        await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>A NetFlow v5 export of one record (24-byte header, 48-byte record; Cisco's layout).</summary>
    private static byte[] NetFlowV5()
    {
        var datagram = new byte[24 + 48];
        var span = datagram.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, 5);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 600_000);                                   // uptime, ms
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var record = span[24..];
        new byte[] { 10, 0, 0, 1, 10, 0, 0, 2 }.CopyTo(record);                                                            // source, destination
        BinaryPrimitives.WriteUInt32BigEndian(record[16..], 10);                                     // packets
        BinaryPrimitives.WriteUInt32BigEndian(record[20..], 15_000);                                 // octets
        BinaryPrimitives.WriteUInt32BigEndian(record[24..], 590_000);                                // first
        BinaryPrimitives.WriteUInt32BigEndian(record[28..], 599_000);                                // last
        BinaryPrimitives.WriteUInt16BigEndian(record[32..], 40_000);
        BinaryPrimitives.WriteUInt16BigEndian(record[34..], 443);
        record[38] = 6;                                                                                                   // TCP
        return datagram;
    }
}
