using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// A device's syslog: the newest messages in memory (the syslog log keeps them outside the state, as the trap log
/// does traps), their typed events raised as anomalies (an up resolves its down), and their rates as series.
/// </summary>
public sealed partial class DeviceGrain
{
    private static readonly Actor SyslogActor = new("syslog", [RoleNames.Admin]);
    private NewestRing<SyslogEntry>? _syslog; // created with the first message: most devices never send one
    private DateTimeOffset? _firstSyslogReceivedAt;
    private bool _olderSyslogLoaded;
    private SyslogRates? _syslogRates;
    private InterfaceNames? _interfaceNames;

    public Task RecordSyslog(SyslogEntry[] entries)
    {
        if (entries.Length == 0) return Task.CompletedTask;
        _firstSyslogReceivedAt ??= entries[0].ReceivedAt;
        _syslog ??= new NewestRing<SyslogEntry>(Limits.SyslogKept);
        foreach (var entry in entries) _syslog.Add(entry);
        if (state.State.Record is null) return Task.CompletedTask;

        var closed = new List<Reading>();
        (_syslogRates ??= new SyslogRates()).Count(entries, closed);
        if (closed.Count > 0) IngestNow(new TelemetryBatch([.. closed]));

        var id = this.GetPrimaryKeyString();
        var signals = new List<AnomalySignal>();
        foreach (var entry in entries.Where(e => e.Event is not null))
        {
            var instance = entry.Event is SyslogEventKind.InterfaceDown or SyslogEventKind.InterfaceUp ? _interfaceNames?.Resolve(entry.Subject) ?? entry.Subject : entry.Subject;
            if (AnomalyClassifier.FromSyslog(id, entry, instance) is { } signal) signals.Add(signal);
            else if (signals.Count > 0) // keep the order of a down and its up
            {
                _ = KeepRaising(Anomalies.Raise(signals));
                signals = [];
            }
            if (entry.Event == SyslogEventKind.InterfaceUp) _ = KeepRaising(Anomalies.ResolveLinkDown(instance));
            else if (entry.Event == SyslogEventKind.AdjacencyUp)
                _ = KeepRaising(Anomalies.Resolve(AnomalyClassifier.AdjacencyMetric(entry), entry.Subject, SyslogActor, $"{entry.Protocol} adjacency up"));
        }
        if (signals.Count > 0) _ = KeepRaising(Anomalies.Raise(signals));
        return Task.CompletedTask;
    }

    public async Task<SyslogEntry[]> GetSyslog(SyslogQuery query)
    {
        if (!_olderSyslogLoaded)
        {
            // The log holds what earlier activations received; this one's messages are already in memory.
            var before = _firstSyslogReceivedAt ?? clock.GetUtcNow();
            var older = await syslogLog.ReadRecentAsync(this.GetPrimaryKeyString(), Limits.SyslogKept, before, CancellationToken.None);
            if (older.Length > 0) (_syslog ??= new NewestRing<SyslogEntry>(Limits.SyslogKept)).AddOlder(older);
            _olderSyslogLoaded = true;
        }
        if (_syslog is null) return [];
        return [.. _syslog.Newest(query.Last, query.Matches)];
    }

    /// <summary>The rate intervals that ended while the device heard nothing: their zeros (the device's flush calls this).</summary>
    private void CloseSyslogRates()
    {
        if (_syslogRates?.Close(clock.GetUtcNow()) is { Count: > 0 } closed && state.State.Record is not null) IngestNow(new TelemetryBatch([.. closed]));
    }

    /// <summary>Interface names the traps carry, for syslog events that name interfaces.</summary>
    private void LearnInterfaceNames(TrapEvent[] traps)
    {
        if (traps.Any(t => t.Kind is TrapKind.LinkDown or TrapKind.LinkUp)) (_interfaceNames ??= new InterfaceNames()).Learn(traps);
    }
}
