using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// A device's part in its peers' priors, at each flush: it reports its series' summaries as they pass
/// <see cref="Marks"/> (3 and 32 points learnt, then every 1,024), and while it has series too young to judge on their own
/// and without a prior, it asks its peer group (<see cref="GroupOf"/>) for theirs, at most every <see cref="AskEvery"/>:
/// a new interface, or a flow exporter's first minutes, is then judged from its first points.
/// </summary>
public sealed class FleetPriors(TimeProvider clock)
{
    public static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(10);
    private readonly Dictionary<SeriesKey, int> _reported = []; // the last mark reported, by series
    private DateTimeOffset _nextAsk = DateTimeOffset.MinValue;

    /// <summary>The peer group of a device: its role (devices without one are peers of each other).</summary>
    public static string GroupOf(string? role) => "role/" + (role ?? "");

    /// <summary>
    /// 0 before 3 points learnt (3 minutes: one series' summary is rough then, but its peers' are pooled), 1 from 3,
    /// 2 from 32 (the exact start over), then one more every 1,024.
    /// </summary>
    public static int Marks(int points) => points < 3 ? 0 : points < MedianTracker.Start ? 1 : 2 + points / 1_024;

    public async Task ExchangeAsync(IFleetPriorsGrain peers, string deviceId, SeriesDetectors detectors)
    {
        if (Due(detectors) is { Length: > 0 } summaries) await peers.Report(deviceId, summaries);
        if (clock.GetUtcNow() < _nextAsk || Wanted(detectors) is not { Length: > 0 } wanted) return;
        _nextAsk = clock.GetUtcNow() + AskEvery;
        Seed(detectors, await peers.Get(wanted));
    }

    /// <summary>The summaries of the series that passed a mark since they were last reported (noted as reported).</summary>
    public SeriesPrior[] Due(SeriesDetectors detectors)
    {
        var due = new List<SeriesPrior>();
        foreach (var (key, detector) in detectors.All)
        {
            var mark = Marks(detector.Rule.Count);
            if (mark == 0 || _reported.GetValueOrDefault(key) >= mark || detector.Rule.Summary(1) is not { } own) continue;
            _reported[key] = mark;
            due.Add(new SeriesPrior(key.Metric, key.Instance.Length == 0 ? null : key.Instance, own.Median, own.Scale));
        }
        return [.. due];
    }

    /// <summary>The metrics of the series that cannot judge yet: too young and no prior.</summary>
    public static string[] Wanted(SeriesDetectors detectors) =>
        [.. detectors.All.Where(s => !s.Value.Rule.IsReady).Select(s => s.Key.Metric).Distinct()];

    /// <summary>Each young series of a metric starts from its peers' prior.</summary>
    public static void Seed(SeriesDetectors detectors, IEnumerable<SeriesPrior> priors)
    {
        var byMetric = priors.ToDictionary(p => p.Metric, p => new PeerPrior(p.Median, p.Scale), StringComparer.Ordinal);
        foreach (var (key, detector) in detectors.All)
        {
            if (byMetric.TryGetValue(key.Metric, out var prior)) detector.Rule.Seed(prior);
        }
    }
}
