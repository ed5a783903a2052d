using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// The fleet once it runs: each second every device's flow exports, and each incident's notifications as it starts
/// (linkDown; an inform for a CPU saturation) and ends (linkUp); a progress line every ten seconds.
/// </summary>
public sealed class FleetRun(SimulationOptions options, IReadOnlyList<FleetDevice> devices, IReadOnlyList<FleetAgent> agents, Incident[] incidents,
    DateTimeOffset start)
{
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid LinkUp = Oid.Parse("1.3.6.1.6.3.1.1.5.4");
    private static readonly Oid CpuHigh = Oid.Parse("1.3.6.1.4.1.99999.0.1"); // the simulator's own notification (an example enterprise arc)

    private readonly FleetSyslog _syslog = new(devices, options.SyslogReceiver);
    private readonly List<FleetFlows> _flows = [.. devices.Select(d => new FleetFlows(d, options.FlowsPerSecond))];
    private readonly Dictionary<string, FleetAgent> _agentOf = devices.Zip(agents).ToDictionary(p => p.First.Id, p => p.Second);
    private readonly HashSet<Incident> _started = [];
    private readonly HashSet<Incident> _ended = [];
    private readonly List<Task<bool>> _informs = [];
    private int _traps;
    private long _flowDatagrams;

    /// <summary>The incidents that started before the run stopped.</summary>
    public Incident[] Started => [.. incidents.Where(_started.Contains)];

    public async Task RunAsync(CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                var now = DateTimeOffset.UtcNow;
                await ExportFlowsAsync(now);
                await NotifyAsync(now);
                await _syslog.SendDueAsync(now);
                if ((now - start).TotalSeconds % 10 < 1) Console.WriteLine($"+{Elapsed(now)} {Progress()}");
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(_informs);
        _syslog.Dispose();
    }

    public string Progress() =>
        $"polls answered {agents.Sum(a => a.Answered)}, traps {_traps}, informs acknowledged {_informs.Count(t => t.IsCompletedSuccessfully && t.Result)}/{_informs.Count}, " +
        $"flow datagrams {_flowDatagrams}, flow records {_flows.Sum(f => f.Records)}, syslog lines {_syslog.Sent}";

    private async Task ExportFlowsAsync(DateTimeOffset now)
    {
        for (var i = 0; i < devices.Count; i++)
        {
            foreach (var datagram in _flows[i].Second(now))
            {
                await agents[i].SendAsync(datagram, options.FlowCollector(_flows[i].Version));
                _flowDatagrams++;
            }
        }
    }

    private async Task NotifyAsync(DateTimeOffset now)
    {
        foreach (var incident in incidents)
        {
            var agent = _agentOf[incident.Device];
            if (now >= incident.Start && _started.Add(incident))
            {
                if (incident.Kind == IncidentKind.LinkFlap) await TrapAsync(agent, LinkDown, incident.Interface);
                if (incident.Kind == IncidentKind.CpuSaturation) _informs.Add(agent.InformAsync(CpuHigh, options.TrapReceiver));
                _syslog.Incident(incident, starting: true, now);
                Console.WriteLine($"+{Elapsed(now)} {GroundTruth.Name(incident.Kind)} starts on {incident.Device}");
            }
            if (now >= incident.End && _ended.Add(incident))
            {
                if (incident.Kind == IncidentKind.LinkFlap) await TrapAsync(agent, LinkUp, incident.Interface);
                _syslog.Incident(incident, starting: false, now);
                Console.WriteLine($"+{Elapsed(now)} {GroundTruth.Name(incident.Kind)} ends on {incident.Device}");
            }
        }
    }

    private async Task TrapAsync(FleetAgent agent, Oid trap, int ifIndex)
    {
        await agent.TrapAsync(trap, ifIndex, options.TrapReceiver);
        _traps++;
    }

    private string Elapsed(DateTimeOffset now) => $"{(now - start).TotalSeconds:0}s";
}
