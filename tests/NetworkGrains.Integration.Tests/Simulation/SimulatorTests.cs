using System.Text.Json;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Flows;

namespace NetworkGrains.Integration.Tests.Simulation;

/// <summary>
/// `ngctl simulate`: what it puts on the wire is what the reference tools read (tshark decodes its SNMP and flow
/// datagrams without a malformed packet or an error, net-snmp walks its agents, nfcapd and nfdump count exactly the
/// flow records it sent), and `ngctl evaluate` finds both incidents of a short run against a real silo.
/// </summary>
public sealed class SimulatorTests
{
    [Fact]
    public async Task What_the_simulator_sends_is_read_by_tshark_net_snmp_and_nfdump()
    {
        var work = Directory.CreateTempSubdirectory("ng-simulate-").FullName;
        await using var nfcapd = await Nfcapd.StartAsync(Path.Combine(work, "nfcapd"));
        var (trapPort, agentPort) = (SiloProcess.FreeUdpPort(), SiloProcess.FreeUdpPort());
        var pcap = Path.Combine(work, "simulated.pcap");

        var simulating = Tools.NgctlAsync(null, "simulate", "--register", "false", "--devices", "2", "--interfaces", "2", "--seconds", "6", "--flows", "30",
            "--incidents", "link_flap,cpu_saturation", "--first", "1", "--gap", "1", "--length", "2", "--trap-port", trapPort.ToString(),
            "--netflow-port", nfcapd.Port.ToString(), "--ipfix-port", nfcapd.Port.ToString(), "--agent-port", agentPort.ToString(),
            "--pcap", pcap, "--truth", Path.Combine(work, "truth.json"));
        await LoopbackUdp.WaitBoundAsync(agentPort, "the simulator's SNMP agents"); // the first device's (127.1.0.1) binds first
        var walk = await Tools.RunAsync("snmpwalk", ["-v2c", "-c", "sim-public", "-On", $"127.1.0.1:{agentPort}", "1.3.6.1.2.1.31.1.1.1.6"]);
        var output = await simulating;
        Assert.Matches(@"\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.6\.1 = Counter64: \d+", walk);
        Assert.Matches(@"\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.6\.2 = Counter64: \d+", walk);

        // tshark: every kind of datagram is there, none malformed, no error.
        string[] decodeAs = ["-d", $"udp.port=={trapPort},snmp", "-d", $"udp.port=={agentPort},snmp", "-d", $"udp.port=={nfcapd.Port},cflow"];
        var packets = await Tools.RunAsync("tshark", ["-r", pcap, .. decodeAs]);
        foreach (var expected in new[] { "snmpV2-trap", "informRequest", "get-response", "(v9)", "IPFIX" }) Assert.Contains(expected, packets);
        Assert.Equal("", (await Tools.RunAsync("tshark", ["-r", pcap, .. decodeAs, "-Y", "_ws.malformed || _ws.expert.severity >= 8388608"])).Trim());

        // nfcapd/nfdump: the records the simulator says it sent, no more, no fewer.
        var (flows, _, _) = await nfcapd.StopAsync();
        var sent = long.Parse(Regex.Match(output, @"done: .*flow records (\d+)").Groups[1].Value);
        Assert.True(sent > 0, output);
        Assert.Equal(sent, flows);

        var truth = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "truth.json"))).RootElement;
        Assert.Equal(["link_flap", "cpu_saturation"], truth.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Evaluate_finds_both_incidents_of_a_short_run_against_a_silo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"sim{Guid.NewGuid():N}"[..16]);
        var work = Directory.CreateTempSubdirectory("ng-evaluate-").FullName;
        var (truth, evaluation) = (Path.Combine(work, "truth.json"), Path.Combine(work, "evaluation.json"));
        var environment = new Dictionary<string, string> { ["NG_API_KEY"] = silo.Http.DefaultRequestHeaders.Authorization!.Parameter! };
        var url = silo.Http.BaseAddress!.ToString();

        var output = await Tools.NgctlAsync(environment, "simulate", "--silo", url, "--devices", "3", "--interfaces", "2", "--seconds", "40",
            "--incidents", "link_flap,cpu_saturation", "--first", "5", "--gap", "10", "--length", "15", "--poll-interval", "2",
            "--trap-port", silo.Settings["Snmp__TrapPort"], "--netflow-port", silo.Settings["Flows__NetFlowPort"], "--ipfix-port", silo.Settings["Flows__IpfixPort"],
            "--agent-port", SiloProcess.FreeUdpPort().ToString(), "--syslog-port", silo.Settings["Syslog__UdpPort"], "--truth", truth);
        Assert.Contains("informs acknowledged 1/1", output);
        Assert.Matches(@"syslog lines [1-9]", output);

        var table = await Tools.EvaluateUntilAsync(environment, truth, url, evaluation, recall => recall["link_flap"] == 1 && recall["cpu_saturation"] == 1,
            () => silo.Tail(20));
        Assert.Contains("precision", table);

        // The flapping device logged it as IOS does, and the silo read it: interface down, then up, on its device.
        var flapped = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("incidents").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == "link_flap").GetProperty("device").GetString();
        var logs = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            using var response = await silo.Http.GetAsync($"/api/v1/devices/{flapped}/logs?q=changed%20state");
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable) return false; // a busy silo asks to be asked again
            logs = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                .Select(l => $"{l.GetProperty("vendorFacility").GetString()}-{l.GetProperty("mnemonic").GetString()} {l.GetProperty("event").GetString()}").Reverse().ToList();
            return logs.Count >= 4;
        });
        Assert.Equal(["LINK-UPDOWN interface_down", "LINEPROTO-UPDOWN interface_down", "LINK-UPDOWN interface_up", "LINEPROTO-UPDOWN interface_up"], logs);
        Directory.Delete(work, recursive: true);
    }
}
