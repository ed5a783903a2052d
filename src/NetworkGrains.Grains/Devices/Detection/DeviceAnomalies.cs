using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Devices.Detection;

/// <summary>
/// Raises a device's signals as anomalies: one open anomaly per series or event (dedup), anomalies opened within
/// <see cref="GroupWindow"/> of the group's first share its id as their group, a traffic drop on an interface that
/// is down is inhibited (the link_down explains it), and linkUp resolves that link_down.
/// Signals are handled one batch after another, so two batches cannot both open an anomaly for the same series.
/// </summary>
public sealed class DeviceAnomalies(IGrainFactory grains, Dictionary<string, string> open)
{
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(10);
    private static readonly Actor LinkUp = new("linkUp", ["admin"]);
    private Task _previous = Task.CompletedTask;
    private (string Id, DateTimeOffset Started)? _group; // not state: after a reactivation the next anomaly starts a group

    /// <summary>Set when the open anomalies changed: the device state needs writing.</summary>
    public bool Changed { get; set; }

    public Task Raise(IReadOnlyList<AnomalySignal> signals) => _previous = After(_previous, () => RaiseAll(signals));

    public Task ResolveLinkDown(string? instance) => _previous = After(_previous, () => ResolveLink(instance));

    private static async Task After(Task previous, Func<Task> next)
    {
        await previous;
        await next();
    }

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
            var anomaly = open.TryGetValue(key, out var id) ? await grains.GetGrain<IAnomalyGrain>(id).Signal(signal) : null;
            if (anomaly is not { IsOpen: true })
            {
                id = Guid.NewGuid().ToString("N");
                if (_group is not { } group || signal.At - group.Started > GroupWindow || signal.At < group.Started) _group = group = (id, signal.At);
                await grains.GetGrain<IAnomalyGrain>(id).Signal(signal with { GroupId = group.Id });
                open[key] = id;
                Changed = true;
            }
        }
    }

    private async Task ResolveLink(string? instance)
    {
        if (!open.Remove(Key("linkDown", instance), out var id)) return;
        Changed = true;
        var anomaly = await grains.GetGrain<IAnomalyGrain>(id).Get();
        if (anomaly is { IsOpen: true }) await grains.GetGrain<IAnomalyGrain>(id).Resolve(LinkUp, AnomalyStatus.Resolved, "linkUp received");
    }

    private static string Key(string metric, string? instance) => $"{metric}|{instance}";
}
