using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Abstractions.Anomalies;

/// <summary>One anomaly, keyed by its id. Device grains open and update it; people investigate and resolve it.</summary>
[Alias("ng.anomaly")]
public interface IAnomalyGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<Anomaly?> Get();

    /// <summary>
    /// Opens the anomaly with its first signal, or adds one to it while it is open (count, last seen, peak,
    /// severity up). Returns it as it is after; a closed anomaly is returned unchanged (the caller opens another).
    /// </summary>
    [Alias("signal")]
    Task<Anomaly> Signal(AnomalySignal signal);

    /// <summary>detected -> investigating, with who and their notes on the timeline.</summary>
    [Alias("investigate")]
    Task<Anomaly> Investigate(Actor actor, string? notes);

    /// <summary>Closes it as resolved or false_positive (the label the models' validation sets use).</summary>
    [Alias("resolve")]
    Task<Anomaly> Resolve(Actor actor, AnomalyStatus resolution, string? notes);

    /// <summary>Resolves it if it is open and has had no signal for the quiet period (Anomalies:QuietPeriod); whether it did.</summary>
    [Alias("resolve-if-quiet")]
    Task<bool> ResolveIfQuiet();

    /// <summary>Deletion (on request or by age): clears the stored anomaly and deactivates without writing; false when there was none.</summary>
    [Alias("purge")]
    Task<bool> Purge();
}
