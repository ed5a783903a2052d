using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// Two activations of one device can briefly coexist: when a silo stops, the others drop its directory entries at
/// once and activate its devices again, reading their state before the stopping silo's final flush has written it.
/// The newer activation's first write then fails on the version, and the readings it acknowledged meanwhile would be
/// lost. Instead it reads the stored state and replays onto it, in order, every reading it accepted since its last
/// write (<see cref="DeviceOptions.ReplayOnConflict"/>).
/// </summary>
public sealed partial class DeviceGrain
{
    /// <summary>While writes fail (PostgreSQL down), what is kept for a replay stops growing here; the rest is counted as not replayed.</summary>
    private const int MaxUnwrittenReadings = 100_000;

    private List<Reading[]>? _unwritten; // batches accepted since the last state write, while ReplayOnConflict is on
    private int _unwrittenReadings;
    private int _notKeptForReplay;

    private void KeepUnwritten(Reading[] readings)
    {
        if (!options.Value.ReplayOnConflict) return;
        if (_unwrittenReadings + readings.Length > MaxUnwrittenReadings)
        {
            _notKeptForReplay += readings.Length;
            return;
        }
        (_unwritten ??= []).Add(readings);
        _unwrittenReadings += readings.Length;
    }

    private void ForgetUnwritten() => (_unwritten, _unwrittenReadings, _notKeptForReplay) = (null, 0, 0);

    /// <summary>
    /// Whether this activation's readings are now written on top of the stored state. What else changed since the last
    /// write (links to newly opened anomalies, flow minutes) is the stored state's: the next verdict links its anomaly again.
    /// </summary>
    private async Task<bool> ReplayOnStoredStateAsync()
    {
        if (!options.Value.ReplayOnConflict) return false;
        var (replay, notKept) = (_unwritten ?? [], _notKeptForReplay);
        ForgetUnwritten();
        try
        {
            await state.ReadStateAsync();
            (_detectors, _anomalies) = (null, null); // both were built on the state just replaced
            var refused = 0;
            foreach (var readings in replay) refused += IngestNow(new TelemetryBatch(readings)).OutOfOrder;
            await WriteStateAsync();
            _dirty = false;
            LogReplayed(this.GetPrimaryKeyString(), replay.Sum(r => r.Length), refused, notKept);
            return true;
        }
        catch (Exception ex)
        {
            LogReplayFailed(ex, this.GetPrimaryKeyString());
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another activation of device {DeviceId} wrote its state meanwhile: {Readings} readings replayed onto it ({Refused} older than what it holds; {NotKept} lost, accepted while its writes failed beyond what a replay keeps)")]
    private partial void LogReplayed(string deviceId, int readings, int refused, int notKept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying device {DeviceId}'s readings onto its stored state failed")]
    private partial void LogReplayFailed(Exception ex, string deviceId);
}
