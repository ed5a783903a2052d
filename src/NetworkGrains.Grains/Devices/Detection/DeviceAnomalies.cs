using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// Raises a device's signals as anomalies: one open anomaly per series or event (dedup), anomalies opened within
/// <see cref="GroupWindow"/> of the group's first share its id as their group, a traffic drop on an interface that
/// is down is inhibited (the link_down explains it), and linkUp resolves that link_down.
/// Signals are handled one batch after another, so two batches cannot both open an anomaly for the same series.
/// Repeats of an open anomaly are passed on at most once per <see cref="RepeatInterval"/> (a storm of a flapping
/// link's traps would otherwise be a grain call each): the ones held meanwhile go with the next, counted, or with
/// <see cref="FlushRepeats"/> (the device's flush). A stronger severity goes at once.
/// </summary>
public sealed class DeviceAnomalies(IGrainFactory grains, Dictionary<string, string> open, TimeProvider clock)
{
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, Repeat> _repeats = []; // by series key: when one last went, and what waits
    private static readonly Actor LinkUp = new("linkUp", [RoleNames.Admin]);
    private Task _previous = Task.CompletedTask;
    private (string Id, DateTimeOffset Started)? _group; // not state: after a reactivation the next anomaly starts a group

    /// <summary>Set when the open anomalies changed: the device state needs writing.</summary>
    public bool Changed { get; set; }

    /// <summary>Raises the signals after those before them; repeats held back cost nothing more (no call, no wait).</summary>
    public Task Raise(IReadOnlyList<AnomalySignal> signals)
    {
        var passing = signals.Where(s => Key(s.Metric, s.Instance) is var key && !(open.ContainsKey(key) && Hold(key, s))).ToList();
        return passing.Count == 0 ? Task.CompletedTask : _previous = After(_previous, () => RaiseAll(passing));
    }

    public Task ResolveLinkDown(string? instance) => Resolve("linkDown", instance, LinkUp, "linkUp received");

    /// <summary>Resolves the open anomaly of an event (an adjacency that came back up), as <paramref name="by"/>.</summary>
    public Task Resolve(string metric, string? instance, Actor by, string notes) => _previous = After(_previous, () => ResolveOpen(metric, instance, by, notes));

    /// <summary>Passes on the repeats held back, so that their count reaches the anomalies.</summary>
    public Task FlushRepeats() => !_repeats.Values.Any(r => r.Held is not null) ? Task.CompletedTask : _previous = After(_previous, async () =>
    {
        foreach (var (key, repeat) in _repeats.Where(r => r.Value.Held is not null).ToList())
        {
            _repeats[key] = repeat with { Held = null };
            if (open.TryGetValue(key, out var id)) await grains.GetGrain<IAnomalyGrain>(id).Signal(repeat.Held!);
        }
    });

    /// <summary>
    /// The next batch after the previous one, whether or not that one failed: its failure was logged by whoever raised
    /// it, and must not fail every later batch of the device (it did, until the device was activated again).
    /// </summary>
    private static async Task After(Task previous, Func<Task> next)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // logged by the previous batch's caller
        }
        await next();
    }

    /// <summary>
    /// Opens an anomaly, asking again while its grain cannot be reached (a silo died, the cluster recovers): the id is
    /// chosen once, so a call that did arrive only counts the signal again on the same anomaly (an update, not a
    /// second opening, so no second action).
    /// </summary>
    private Task Open(string id, AnomalySignal signal) =>
        TransientCalls.RetryAsync(() => grains.GetGrain<IAnomalyGrain>(id).Signal(signal), OpenAttempts, TimeSpan.FromSeconds(1));

    private const int OpenAttempts = 60;

    private async Task RaiseAll(IReadOnlyList<AnomalySignal> signals)
    {
        foreach (var signal in signals)
        {
            if (signal.Category == AnomalyCategory.TrafficDrop && open.ContainsKey(Key("linkDown", signal.Instance)))
            {
                NetworkGrainsMetrics.AnomaliesInhibited.Add(1);
                continue;
            }

            var key = Key(signal.Metric, signal.Instance);
            var anomaly = open.TryGetValue(key, out var id) ? await grains.GetGrain<IAnomalyGrain>(id).Signal(Merged(key, signal)) : null;
            if (anomaly is not { IsOpen: true })
            {
                id = Guid.NewGuid().ToString("N");
                if (_group is not { } group || signal.At - group.Started > GroupWindow || signal.At < group.Started) _group = group = (id, signal.At);
                await Open(id, signal with { GroupId = group.Id });
                open[key] = id;
                Changed = true;
            }
        }
    }

    private async Task ResolveOpen(string metric, string? instance, Actor by, string notes)
    {
        if (!open.Remove(Key(metric, instance), out var id)) return;
        Changed = true;
        var anomaly = await grains.GetGrain<IAnomalyGrain>(id).Get();
        if (anomaly is { IsOpen: true }) await grains.GetGrain<IAnomalyGrain>(id).Resolve(by, AnomalyStatus.Resolved, notes);
    }

    /// <summary>Whether a repeat waits (its series went less than <see cref="RepeatInterval"/> ago, at no higher severity).</summary>
    private bool Hold(string key, AnomalySignal signal)
    {
        var now = clock.GetUtcNow();
        if (!_repeats.TryGetValue(key, out var repeat) || now - repeat.Sent >= RepeatInterval || signal.Severity > repeat.Severity) return false;
        _repeats[key] = repeat with { Held = repeat.Held is { } waiting ? Combined(waiting, signal) : signal };
        return true;
    }

    /// <summary>The signal to pass on, standing also for the repeats held since the last one; noted as sent now.</summary>
    private AnomalySignal Merged(string key, AnomalySignal signal)
    {
        var merged = _repeats.TryGetValue(key, out var repeat) && repeat.Held is { } held ? Combined(held, signal) : signal;
        _repeats[key] = new Repeat(clock.GetUtcNow(), merged.Severity, null);
        return merged;
    }

    /// <summary>Two signals of one series as one: the stronger's score, value and explanation, the later time, the higher severity, both counts.</summary>
    private static AnomalySignal Combined(AnomalySignal earlier, AnomalySignal later) =>
        (later.Score > earlier.Score ? later : earlier) with
        {
            At = later.At > earlier.At ? later.At : earlier.At,
            Severity = later.Severity > earlier.Severity ? later.Severity : earlier.Severity,
            Repeats = earlier.Repeats + later.Repeats,
        };

    private static string Key(string metric, string? instance) => $"{metric}|{instance}";

    private sealed record Repeat(DateTimeOffset Sent, AnomalySeverity Severity, AnomalySignal? Held);
}
