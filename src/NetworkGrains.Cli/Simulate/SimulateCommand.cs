using System.Net;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// `ngctl simulate`: a fleet of routers, switches and firewalls on loopback speaking the real protocols to a silo
/// (SNMP agents it polls, traps and informs, NetFlow v9 and IPFIX), with labelled incidents and their ground truth.
/// </summary>
public static class SimulateCommand
{
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid LinkUp = Oid.Parse("1.3.6.1.6.3.1.1.5.4");
    private static readonly Oid CpuHigh = Oid.Parse("1.3.6.1.4.1.99999.0.1"); // the simulator's own notification (an example enterprise arc)

    public static async Task<int> RunAsync(CommandLine options)
    {
        var deviceCount = options.Int("devices", 20);
        var interfaces = options.Int("interfaces", 4);
        var seconds = options.Text("seconds") is not null ? options.Int("seconds", 1) : (int?)null; // none: until Ctrl+C
        var flowsPerSecond = options.Int("flows", 20);
        var silo = options.Text("silo") ?? "http://127.0.0.1:8080";
        var register = options.Text("register") != "false";
        var apiKey = options.Text("api-key-file") is { } keyFile ? File.ReadAllText(keyFile).Trim() : Environment.GetEnvironmentVariable("NG_API_KEY");
        var trapReceiver = new IPEndPoint(IPAddress.Loopback, options.Int("trap-port", 1162));
        var (netflowPort, ipfixPort) = (options.Int("netflow-port", 2055), options.Int("ipfix-port", 4739));
        var agentPort = options.Int("agent-port", 16100);
        var pollInterval = TimeSpan.FromSeconds(options.Int("poll-interval", 10));
        var history = TimeSpan.FromMinutes(options.Text("history") == "none" ? 0 : options.Int("history", 1440));
        var kinds = options.Text("incidents") is { } list && list != "all"
            ? list == "none" ? [] : list.Split(',').Select(GroundTruth.ParseKind).ToArray()
            : Enum.GetValues<IncidentKind>();
        var (first, gap, length) = (TimeSpan.FromSeconds(options.Int("first", 60)), TimeSpan.FromSeconds(options.Int("gap", 60)), TimeSpan.FromSeconds(options.Int("length", 60)));
        var truthPath = options.Text("truth") ?? Path.Combine(".data", "simulate", "truth.json");
        var pcapPath = options.Text("pcap");
        var community = options.Text("community") ?? "sim-public";
        options.EnsureAllRead();

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        var created = DateTimeOffset.UtcNow - history;
        var devices = Enumerable.Range(0, deviceCount).Select(i => new FleetDevice(i, interfaces, created)).ToList();
        using var pcap = pcapPath is null ? null : new PcapWriter(pcapPath);
        var agents = devices.Select(d => new FleetAgent(d, community, agentPort, pcap is null ? null : pcap.Write)).ToList();
        var serving = agents.Select(a => a.ServeAsync(stop.Token)).ToList();
        if (register)
        {
            using var http = SiloSetup.Client(silo, apiKey);
            var setup = new SiloSetup(http);
            await setup.RegisterAsync(devices, community);
            var historyEnd = DateTimeOffset.UtcNow;
            if (history > TimeSpan.Zero)
                await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (d, _) => await setup.PostHistoryAsync(d, historyEnd));
            await setup.PollAsync(devices, agentPort, pollInterval);
            Console.WriteLine($"registered {devices.Count} devices at {silo}" + (history > TimeSpan.Zero ? $" with {history.TotalHours:0.#} h of history" : ""));
        }

        var runStart = DateTimeOffset.UtcNow;
        if (seconds is { } runFor) stop.CancelAfter(TimeSpan.FromSeconds(runFor));
        var incidents = IncidentSchedule.Plan(devices, kinds, runStart, first, gap, length);
        foreach (var device in devices) device.Incidents = [.. incidents.Where(i => i.Device == device.Id)];
        var truth = new GroundTruth(runStart, runStart + TimeSpan.FromSeconds(seconds ?? 0), [.. devices.Select(d => d.Id)], incidents);
        truth.Write(truthPath);
        foreach (var incident in incidents)
            Console.WriteLine($"incident {GroundTruth.Name(incident.Kind)} on {incident.Device} (interface {incident.Interface}) at +{(incident.Start - runStart).TotalSeconds:0}s for {length.TotalSeconds:0}s");

        var flows = devices.Select(d => new FleetFlows(d, flowsPerSecond)).ToList();
        Console.WriteLine($"{devices.Count} SNMP agents on 127.1.0.x:{agentPort}, traps to {trapReceiver}, flows to 127.0.0.1:{netflowPort} (v9) and :{ipfixPort} (IPFIX); truth in {truthPath}");

        var counts = new RunCounts();
        var started = new HashSet<Incident>();
        var ended = new HashSet<Incident>();
        var informs = new List<Task<bool>>();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(stop.Token))
            {
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < devices.Count; i++)
                {
                    foreach (var datagram in flows[i].Second(now))
                    {
                        await agents[i].SendAsync(datagram, FleetFlows.Collector(flows[i].Version, netflowPort, ipfixPort));
                        counts.FlowDatagrams++;
                    }
                }

                foreach (var incident in incidents)
                {
                    var agent = agents[devices.FindIndex(d => d.Id == incident.Device)];
                    if (now >= incident.Start && started.Add(incident))
                    {
                        if (incident.Kind == IncidentKind.LinkFlap) { await agent.TrapAsync(LinkDown, incident.Interface, trapReceiver); counts.Traps++; }
                        if (incident.Kind == IncidentKind.CpuSaturation) informs.Add(agent.InformAsync(CpuHigh, trapReceiver));
                        Console.WriteLine($"+{(now - runStart).TotalSeconds:0}s {GroundTruth.Name(incident.Kind)} starts on {incident.Device}");
                    }
                    if (now >= incident.End && ended.Add(incident))
                    {
                        if (incident.Kind == IncidentKind.LinkFlap) { await agent.TrapAsync(LinkUp, incident.Interface, trapReceiver); counts.Traps++; }
                        Console.WriteLine($"+{(now - runStart).TotalSeconds:0}s {GroundTruth.Name(incident.Kind)} ends on {incident.Device}");
                    }
                }

                if ((now - runStart).TotalSeconds % 10 < 1)
                    Console.WriteLine($"+{(now - runStart).TotalSeconds:0}s polls answered {agents.Sum(a => a.Answered)}, traps {counts.Traps}, " +
                                      $"informs acknowledged {informs.Count(t => t.IsCompletedSuccessfully && t.Result)}/{informs.Count}, flow datagrams {counts.FlowDatagrams}");
            }
        }
        catch (OperationCanceledException) { }

        await Task.WhenAll(informs);
        foreach (var agent in agents) agent.Dispose();
        await Task.WhenAll(serving);
        (truth with { RunEnd = DateTimeOffset.UtcNow, Incidents = [.. incidents.Where(started.Contains)] }).Write(truthPath);
        Console.WriteLine($"done: polls answered {agents.Sum(a => a.Answered)}, traps {counts.Traps}, informs acknowledged " +
                          $"{informs.Count(t => t.Result)}/{informs.Count}, flow datagrams {counts.FlowDatagrams}, flow records {flows.Sum(f => f.Records)}; truth in {truthPath}");
        return 0;
    }

    private sealed class RunCounts
    {
        public int Traps;
        public long FlowDatagrams;
    }
}
