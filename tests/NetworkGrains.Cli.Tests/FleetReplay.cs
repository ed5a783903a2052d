using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Cli.Simulate;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Flows;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Cli.Tests;

/// <summary>
/// `ngctl simulate` then `ngctl evaluate` without a silo or a clock: a fleet's run replayed through what the silo does
/// with it. The history the simulator posts, polls every 10 s (the agent's values, named as the poller names them),
/// flows every second added up per 10 s as the collector does, each device's windows and detectors as its grain runs
/// them (<see cref="DeviceWindows"/>, <see cref="SeriesDetectors"/>) with its fleet priors exchanged at each 10 s
/// flush, and its anomalies: one per series from its first verdict (another once a verdict comes the quiet period
/// after the last, as the anomaly grain does), linkDown traps, a traffic drop under a down link inhibited. The
/// incidents are planned as the demo plans them.
/// </summary>
internal static class FleetReplay
{
    private static readonly DeviceOptions Options = new();
    private static readonly WindowOptions Windows = Options.ToWindowOptions();
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuietPeriod = new AnomalyOptions().QuietPeriod;

    /// <summary>What a run found: `ngctl evaluate`'s evaluation, and the anomalies it evaluated.</summary>
    public sealed record Outcome(EvaluateCommand.Evaluation Evaluation, IReadOnlyList<EvaluateCommand.AnomalySeen> Anomalies)
    {
        public bool FoundEverythingAndNothingElse => Evaluation.Kinds.All(k => k.Recall == 1) && Evaluation.Matched == Evaluation.Anomalies;

        public override string ToString() =>
            string.Join(", ", Evaluation.Kinds.Select(k => $"{k.Kind} {k.Detected}/{k.Incidents}")) + $"; {Evaluation.Matched} of {Evaluation.Anomalies} anomalies match: " +
            string.Join(", ", Anomalies.Select(a => $"{a.Id} {a.Category}"));
    }

    /// <summary>The demo's plan: the first incident 30 s in, one every 45 s, 60 s each; evaluated with its 120 s grace.</summary>
    public static Outcome Run(IReadOnlyList<int> indices, DateTimeOffset runStart, TimeSpan length, TimeSpan history, IncidentKind[] kinds)
    {
        var clock = new ReplayClock();
        var fleet = indices.Select(i => new Device(new FleetDevice(i, 4, runStart - history), clock)).ToList();
        var incidents = IncidentSchedule.Plan([.. fleet.Select(d => d.Model)], kinds, runStart, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(60));
        foreach (var device in fleet) device.Model.Incidents = [.. incidents.Where(i => i.Device == device.Model.Id)];
        var peerGroups = fleet.Select(d => d.Model.Role).Distinct().ToDictionary(role => role, _ => (IFleetPriorsGrain)new FleetPriorsGrain());

        foreach (var device in fleet.Where(_ => history > TimeSpan.Zero)) device.Ingest([.. SiloSetup.History(device.Model, runStart)], runStart);
        for (var second = 1; second <= length.TotalSeconds; second++)
        {
            var now = clock.Now = runStart.AddSeconds(second);
            foreach (var device in fleet)
            {
                device.Second(now, runStart);
                if ((second + device.Model.Index) % 10 == 0) device.ExchangePriors(peerGroups[device.Model.Role]).GetAwaiter().GetResult();
            }
        }

        var truth = new GroundTruth(runStart, runStart + length, [.. fleet.Select(d => d.Model.Id)], incidents);
        List<EvaluateCommand.AnomalySeen> anomalies = [.. fleet.SelectMany(d => d.Anomalies).Where(a => a.FirstSeen >= runStart)];
        return new Outcome(EvaluateCommand.Evaluate(truth, anomalies, TimeSpan.FromSeconds(120)), anomalies);
    }

    /// <summary>What the evaluation's mismatches were: kinds missed, and the anomalies matching no incident.</summary>

    private sealed class Device(FleetDevice model, TimeProvider clock)
    {
        private readonly DeviceWindows _windows = new();
        private readonly SeriesDetectors _detectors = new(Options.DetectorThreshold, saved: null);
        private readonly FleetPriors _priors = new(clock);
        private readonly FleetFlows _flows = new(model, 20);
        private readonly Dictionary<string, DateTimeOffset> _open = []; // open anomalies' last signal, by series
        private readonly Oid[] _mib = InterfaceMib.Oids(model.Interfaces, InterfaceMib.HrProcessorLoad);
        private FlowAccumulator.ExporterFlows _interval = new();

        public FleetDevice Model => model;

        public List<EvaluateCommand.AnomalySeen> Anomalies { get; } = [];

        public void Ingest(Reading[] readings, DateTimeOffset now)
        {
            _windows.Ingest(readings, Windows, now, _detectors);
            foreach (var verdict in _detectors.TakeNew()) Raise(AnomalyClassifier.FromVerdict(model.Id, verdict));
        }

        public void Second(DateTimeOffset now, DateTimeOffset runStart)
        {
            foreach (var record in _flows.RecordsAt(now)) _interval.Add(record);
            var second = (int)(now - runStart).TotalSeconds;
            if (second % 10 == 0)
            {
                Ingest(FlowReadings.From(_interval.ToReport(now - Tick, now)), now);
                _interval = new FlowAccumulator.ExporterFlows();
            }
            if ((second + model.Index) % 10 == 5) Ingest(Poll(now), now);
            foreach (var flap in model.Incidents.Where(i => i.Kind == IncidentKind.LinkFlap))
            {
                if (now == flap.Start) Raise(AnomalyClassifier.FromTrap(model.Id, LinkTrap(TrapKind.LinkDown, flap.Interface, now))!);
                if (now == flap.End) _open.Remove($"linkDown|{flap.Interface}");
            }
        }

        public Task ExchangePriors(IFleetPriorsGrain peers) => _priors.ExchangeAsync(peers, model.Id, _detectors);

        /// <summary>What the poller reads from the agent: sysUpTime and every served column, counters as counters.</summary>
        private Reading[] Poll(DateTimeOffset now)
        {
            var readings = new List<Reading>();
            if (OidSets.ToReading(DeviceWindows.SysUpTimeMetric, null, InterfaceMib.Value(model, InterfaceMib.SysUpTime, now), MetricKind.Gauge, now) is { } up) readings.Add(up);
            foreach (var column in OidSets.Columns(PollingSets.Interfaces).Concat(OidSets.Columns(PollingSets.HostResources)))
            {
                foreach (var oid in _mib.Where(o => o.Arcs.Length == column.Oid.Arcs.Length + 1 && o.StartsWith(column.Oid)))
                {
                    var instance = oid.Arcs[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (OidSets.ToReading(column.Metric, instance, InterfaceMib.Value(model, oid, now), column.Kind, now) is { } reading) readings.Add(reading);
                }
            }
            return [.. readings];
        }

        private void Raise(AnomalySignal signal)
        {
            var key = $"{signal.Metric}|{signal.Instance}";
            if (signal.Category == AnomalyCategory.TrafficDrop && _open.TryGetValue($"linkDown|{signal.Instance}", out _)) return;
            var opens = !_open.TryGetValue(key, out var lastSignal) || signal.At - lastSignal >= QuietPeriod;
            _open[key] = signal.At;
            if (opens) Anomalies.Add(new EvaluateCommand.AnomalySeen($"{model.Id}/{key}/{signal.At:HH:mm:ss}/{signal.Detector}/{signal.Value:G4}/{signal.Explanation[0].Baseline:G4}/{signal.Score:F5}", model.Id, SnakeCase(signal.Category), signal.At));
        }

        private static string SnakeCase(AnomalyCategory category) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(category.ToString());

        private static TrapEvent LinkTrap(TrapKind kind, int ifIndex, DateTimeOffset at) => new(at, "127.1.0.1", "v2c", "1.3.6.1.6.3.1.1.5.3", kind, "sim-public", false,
            [new TrapVarBind("1.3.6.1.2.1.2.2.1.1." + ifIndex, "Integer32", ifIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
