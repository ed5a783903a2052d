using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.Ui.Views;

/// <summary>One entry of a device's timeline: an anomaly's change, a trap, a verdict.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Text, string? Link);

/// <summary>Everything the device page shows but its charts.</summary>
public sealed record DeviceDetail(DeviceRecord Device, SeriesSummary[] Series, PollingProfile? Polling, TrapEvent[] Traps, DetectorVerdict[] Verdicts,
    Anomaly[] Anomalies, Talker[] Talkers, TimelineEntry[] Timeline);

/// <summary>
/// The device page: the device, its series (charted a page at a time: the last hour raw, longer ranges from the
/// 1-minute rollups), the band its window expects (mean ± 3σ of the series' window), verdicts and anomalies marked,
/// traps, top talkers of the last 15 minutes, the polling profile, and a timeline of all of them.
/// </summary>
public sealed class DeviceDetailView(IGrainFactory grains, IAnomalyLog anomalies, TelemetryReads telemetry, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> Ranges = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromDays(1),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
    };

    public const int ChartsPerPage = 8;
    private const int Traps = 20;
    private const int Talkers = 10;
    private const int Timeline = 40;
    private static readonly TimeSpan TalkerSpan = TimeSpan.FromMinutes(15);

    /// <summary>Null when there is no such device.</summary>
    public async Task<DeviceDetail?> LoadAsync(string id, FlowDimension dimension, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(id) || await grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key).Get(id) is not { } record) return null;
        var device = grains.GetGrain<IDeviceGrain>(id);
        var now = clock.GetUtcNow();
        var series = device.GetSeries();
        var polling = device.GetPolling();
        var traps = device.GetTraps(Traps);
        var verdicts = device.GetVerdicts(Limits.VerdictsKept);
        var talkers = device.GetTopTalkers(dimension, now - TalkerSpan, now);
        var (opened, _) = await anomalies.Query(new AnomalyQuery(null, null, null, id, 1, 100), cancellationToken);
        var (found, marked) = (await verdicts, opened);
        // The series something happened on first: an open anomaly, then any anomaly or verdict, then by name.
        var ordered = (await series).OrderBy(s => marked.Any(a => a.IsOpen && Same(a.Metric, a.Instance, s)) ? 0
                : marked.Any(a => Same(a.Metric, a.Instance, s)) || found.Any(v => Same(v.Metric, v.Instance, s)) ? 1 : 2)
            .ThenBy(s => s.Metric, StringComparer.Ordinal).ThenBy(s => s.Instance, StringComparer.Ordinal);
        var detail = new DeviceDetail(record, [.. ordered], await polling, await traps, found, opened, FlowEndpoints.Rank((await talkers).Talkers, byBytes: true, Talkers), []);
        return detail with { Timeline = TimelineOf(detail) };
    }

    /// <summary>The chart of one series over the range that ends now.</summary>
    public async Task<ChartData> ChartAsync(DeviceDetail detail, SeriesSummary series, TimeSpan range, CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow();
        var from = to - range;
        var id = detail.Device.Id;
        var points = range <= TimeSpan.FromHours(1)
            ? ChartData.FromRaw(await telemetry.Raw(id, series.Metric, series.Instance, from, to), from, to)
            : ChartData.FromRollups(await telemetry.Rollups(id, series.Metric, series.Instance, from, to, cancellationToken), from, to);
        var spans = detail.Anomalies.Where(a => a.Metric == series.Metric && a.Instance == series.Instance && a.LastSeen >= from)
            .Select(a => new ChartSpan(a.FirstSeen, a.LastSeen, SnakeCaseNames.Of(a.Severity), $"{SnakeCaseNames.Of(a.Category)} ({SnakeCaseNames.Of(a.Status)})"));
        return ChartData.Of(series, from, to, points, detail.Verdicts, spans);
    }

    private static bool Same(string metric, string? instance, SeriesSummary series) => metric == series.Metric && instance == series.Instance;

    public static string Name(SeriesSummary series) => ConsoleLinks.Series(series.Metric, series.Instance);

    private static TimelineEntry[] TimelineOf(DeviceDetail detail) =>
    [
        .. detail.Anomalies.SelectMany(a => a.Timeline.Select(t => new TimelineEntry(t.At, "anomaly",
                $"{SnakeCaseNames.Of(a.Category)} on {ConsoleLinks.Series(a.Metric, a.Instance)}: {t.Action} by {t.By}{(t.Notes is { Length: > 0 } n ? $" ({n})" : "")}",
                ConsoleLinks.Anomaly(a.Id))))
            .Concat(detail.Traps.Select(t => new TimelineEntry(t.ReceivedAt, "trap", $"{t.Kind} ({t.TrapOid}) from {t.SourceAddress}", null)))
            .Concat(detail.Verdicts.Select(v => new TimelineEntry(v.Timestamp, "verdict",
                $"{v.Detector} on {ConsoleLinks.Series(v.Metric, v.Instance)}: {v.Value:0.##}" + (v.Expected is { } e ? $" (expected {e:0.##})" : ""), null)))
            .OrderByDescending(e => e.At).Take(Timeline),
    ];
}
