using System.Net;

namespace NetworkGrains.Cli.Simulate;

/// <summary>What `ngctl simulate` was asked for (see Program's usage for the options and their defaults).</summary>
public sealed record SimulationOptions(
    int Devices, int Interfaces, int? Seconds, int FlowsPerSecond, string Silo, bool Register, string? ApiKey,
    IPEndPoint TrapReceiver, int NetFlowPort, int IpfixPort, int AgentPort, TimeSpan PollInterval, TimeSpan History,
    IncidentKind[] Incidents, TimeSpan First, TimeSpan Gap, TimeSpan Length, string TruthPath, string? PcapPath, string Community,
    IPEndPoint SyslogReceiver)
{
    /// <summary>
    /// The history posted before the run: three days, so that every hour of the day has been seen on two whole days
    /// before it, which is what the detectors need to know a night's traffic from a drop (with one day they know
    /// only the long run, and a drop at night is no rarer than the night itself).
    /// </summary>
    public static readonly TimeSpan DefaultHistory = TimeSpan.FromDays(3);

    public static SimulationOptions Read(CommandLine options)
    {
        var read = new SimulationOptions(
            options.Int("devices", 20),
            options.Int("interfaces", 4),
            options.Text("seconds") is not null ? options.Int("seconds", 1) : null, // none: until Ctrl+C
            options.Int("flows", 20),
            options.Text("silo") ?? SiloSetup.DefaultSilo,
            options.Text("register") != "false",
            SiloSetup.ApiKey(options),
            new IPEndPoint(IPAddress.Loopback, options.Int("trap-port", 1162)),
            options.Int("netflow-port", 2055),
            options.Int("ipfix-port", 4739),
            options.Int("agent-port", 16100),
            TimeSpan.FromSeconds(options.Int("poll-interval", 10)),
            TimeSpan.FromMinutes(options.Text("history") == "none" ? 0 : options.Int("history", (int)DefaultHistory.TotalMinutes)),
            options.Text("incidents") switch
            {
                null or "all" => Enum.GetValues<IncidentKind>(),
                "none" => [],
                var list => [.. list.Split(',').Select(GroundTruth.ParseKind)],
            },
            TimeSpan.FromSeconds(options.Int("first", 60)),
            TimeSpan.FromSeconds(options.Int("gap", 60)),
            TimeSpan.FromSeconds(options.Int("length", 60)),
            options.Text("truth") ?? Path.Combine(".data", "simulate", "truth.json"),
            options.Text("pcap"),
            options.Text("community") ?? "sim-public",
            new IPEndPoint(IPAddress.Loopback, options.Int("syslog-port", 1514)));
        options.EnsureAllRead();
        return read;
    }

    public IPEndPoint FlowCollector(int version) => new(IPAddress.Loopback, version == 10 ? IpfixPort : NetFlowPort);
}
