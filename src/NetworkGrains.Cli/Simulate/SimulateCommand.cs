namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// `ngctl simulate`: a fleet of routers, switches and firewalls on loopback speaking the real protocols to a silo
/// (SNMP agents it polls, traps and informs, NetFlow v9 and IPFIX), with labelled incidents and their ground truth.
/// </summary>
public static class SimulateCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine)
    {
        var options = SimulationOptions.Read(commandLine);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        var devices = Enumerable.Range(0, options.Devices).Select(i => new FleetDevice(i, options.Interfaces, DateTimeOffset.UtcNow - options.History)).ToList();
        using var pcap = options.PcapPath is null ? null : new PcapWriter(options.PcapPath);
        var agents = devices.Select(d => new FleetAgent(d, options.Community, options.AgentPort, pcap is null ? null : pcap.Write)).ToList();
        var serving = agents.Select(a => a.ServeAsync(stop.Token)).ToList();
        if (options.Register) await RegisterAsync(options, devices);

        var start = DateTimeOffset.UtcNow;
        if (options.Seconds is { } seconds) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        var incidents = IncidentSchedule.Plan(devices, options.Incidents, start, options.First, options.Gap, options.Length);
        foreach (var device in devices) device.Incidents = [.. incidents.Where(i => i.Device == device.Id)];
        var truth = new GroundTruth(start, start + TimeSpan.FromSeconds(options.Seconds ?? 0), [.. devices.Select(d => d.Id)], incidents);
        truth.Write(options.TruthPath);
        foreach (var incident in incidents)
            Console.WriteLine($"incident {GroundTruth.Name(incident.Kind)} on {incident.Device} (interface {incident.Interface}) " +
                              $"at +{(incident.Start - start).TotalSeconds:0}s for {options.Length.TotalSeconds:0}s");
        Console.WriteLine($"{devices.Count} SNMP agents on 127.1.0.x:{options.AgentPort}, traps to {options.TrapReceiver}, flows to 127.0.0.1:{options.NetFlowPort} (v9) " +
                          $"and :{options.IpfixPort} (IPFIX); truth in {options.TruthPath}");

        var run = new FleetRun(options, devices, agents, incidents, start);
        await run.RunAsync(stop.Token);
        foreach (var agent in agents) agent.Dispose();
        await Task.WhenAll(serving);
        (truth with { RunEnd = DateTimeOffset.UtcNow, Incidents = run.Started }).Write(options.TruthPath);
        Console.WriteLine($"done: {run.Progress()}; truth in {options.TruthPath}");
        return 0;
    }

    /// <summary>Devices, credential and rule, then their history, and only then polling (see <see cref="SiloSetup.PollAsync"/>).</summary>
    private static async Task RegisterAsync(SimulationOptions options, List<FleetDevice> devices)
    {
        using var http = SiloSetup.Client(options.Silo, options.ApiKey);
        var setup = new SiloSetup(http);
        await setup.RegisterAsync(devices, options.Community);
        var historyEnd = DateTimeOffset.UtcNow;
        if (options.History > TimeSpan.Zero)
            await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (d, _) => await setup.PostHistoryAsync(d, historyEnd));
        await setup.PollAsync(devices, options.AgentPort, options.PollInterval);
        Console.WriteLine($"registered {devices.Count} devices at {options.Silo}" + (options.History > TimeSpan.Zero ? $" with {options.History.TotalHours:0.#} h of history" : ""));
    }
}
