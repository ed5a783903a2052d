using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

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
        var (collectorPort, trapPort, agentPort) = (SiloProcess.FreeUdpPort(), SiloProcess.FreeUdpPort(), SiloProcess.FreeUdpPort());
        var nfcapdDirectory = Directory.CreateDirectory(Path.Combine(work, "nfcapd")).FullName;
        using var nfcapd = Process.Start(new ProcessStartInfo("nfcapd", ["-b", "127.0.0.1", "-p", collectorPort.ToString(), "-w", nfcapdDirectory, "-t", "3600"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await Task.Delay(1_000); // nfcapd binds before it reports anything
        var pcap = Path.Combine(work, "simulated.pcap");

        var simulating = Tools.NgctlAsync(null, "simulate", "--register", "false", "--devices", "2", "--interfaces", "2", "--seconds", "6", "--flows", "30",
            "--incidents", "link_flap,cpu_saturation", "--first", "1", "--gap", "1", "--length", "2", "--trap-port", trapPort.ToString(),
            "--netflow-port", collectorPort.ToString(), "--ipfix-port", collectorPort.ToString(), "--agent-port", agentPort.ToString(),
            "--pcap", pcap, "--truth", Path.Combine(work, "truth.json"));
        await Task.Delay(2_000);
        var walk = await Tools.RunAsync("snmpwalk", ["-v2c", "-c", "sim-public", "-On", $"127.1.0.1:{agentPort}", "1.3.6.1.2.1.31.1.1.1.6"]);
        var output = await simulating;
        Assert.Matches(@"\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.6\.1 = Counter64: \d+", walk);
        Assert.Matches(@"\.1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.6\.2 = Counter64: \d+", walk);

        // tshark: every kind of datagram is there, none malformed, no error.
        string[] decodeAs = ["-d", $"udp.port=={trapPort},snmp", "-d", $"udp.port=={agentPort},snmp", "-d", $"udp.port=={collectorPort},cflow"];
        var packets = await Tools.RunAsync("tshark", ["-r", pcap, .. decodeAs]);
        foreach (var expected in new[] { "snmpV2-trap", "informRequest", "get-response", "(v9)", "IPFIX" }) Assert.Contains(expected, packets);
        Assert.Equal("", (await Tools.RunAsync("tshark", ["-r", pcap, .. decodeAs, "-Y", "_ws.malformed || _ws.expert.severity >= 8388608"])).Trim());

        // nfcapd/nfdump: the records the simulator says it sent, no more, no fewer.
        Assert.Equal(0, SiloProcess.SendSignal(nfcapd.Id, SiloProcess.SigTerm));
        await nfcapd.WaitForExitAsync();
        var summary = await Tools.RunAsync("nfdump", ["-R", nfcapdDirectory, "-I"]);
        var sent = long.Parse(Regex.Match(output, @"flow records (\d+)").Groups[1].Value);
        Assert.True(sent > 0, output);
        Assert.Equal(sent, long.Parse(Regex.Match(summary, @"^Flows: (\d+)", RegexOptions.Multiline).Groups[1].Value));

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
        await Task.Delay(TimeSpan.FromSeconds(3)); // the last polls' readings reach the devices

        var table = await Tools.NgctlAsync(environment, "evaluate", "--truth", truth, "--silo", url, "--json", evaluation);
        var kinds = JsonDocument.Parse(await File.ReadAllTextAsync(evaluation)).RootElement.GetProperty("kinds").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("recall").GetDouble());
        Assert.True(kinds["link_flap"] == 1 && kinds["cpu_saturation"] == 1, table + "\n" + silo.Tail(20));
        Assert.Contains("precision", table);

        // The flapping device logged it as IOS does, and the silo read it: interface down, then up, on its device.
        var flapped = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("incidents").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == "link_flap").GetProperty("device").GetString();
        var logs = JsonDocument.Parse(await silo.Http.GetStringAsync($"/api/v1/devices/{flapped}/logs?q=changed%20state")).RootElement.EnumerateArray()
            .Select(l => $"{l.GetProperty("vendorFacility").GetString()}-{l.GetProperty("mnemonic").GetString()} {l.GetProperty("event").GetString()}").Reverse().ToList();
        Assert.Equal(["LINK-UPDOWN interface_down", "LINEPROTO-UPDOWN interface_down", "LINK-UPDOWN interface_up", "LINEPROTO-UPDOWN interface_up"], logs);
        Directory.Delete(work, recursive: true);
    }
}
