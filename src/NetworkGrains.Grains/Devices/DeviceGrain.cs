using NetworkGrains.Abstractions;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Grains.Devices.Polling;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Grains.Devices.Traps;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

/// <summary>
/// One device: its inventory record and sliding windows. State is written on a timer and on deactivation, never
/// per reading; closed minutes are written behind to the rollup sink first, with the minutes a backfill pushed out
/// of the windows before that (the backlog). A graceful stop loses nothing; a crash loses at most the readings
/// since the last flush. Traps are not state: the trap log keeps them. With in-memory storage (the default profile)
/// the timer writes no state: only deactivation does (<see cref="DeviceOptions.WriteStateOnTimer"/>).
/// </summary>
public sealed partial class DeviceGrain(
    [PersistentState("device", StorageNames.Devices)] IPersistentState<DeviceState> state,
    IRollupSink rollupSink,
    ITrapLog trapLog,
    ISyslogLog syslogLog,
    ITalkerLog talkerLog,
    IDeviceSnmp snmp,
    IOptions<DeviceOptions> options,
    WindowOptions windowOptions,
    TimeProvider clock,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain, IRemindable, ILeavingMinutes
{
    /// <summary>Fires every <see cref="DeviceOptions.PollingKeepAlive"/> while polled, so a restarted silo reactivates it.</summary>
    private const string PollingReminder = "polling";

    private static readonly KeyValuePair<string, object?> OutOfOrderTag = new("reason", "out_of_order");
    private static readonly KeyValuePair<string, object?> InvalidTag = new("reason", "invalid");
    private static readonly KeyValuePair<string, object?> UnknownDeviceTag = new("reason", "unknown_device");
    private static readonly KeyValuePair<string, object?> OlderThanWindowTag = new("reason", "older_than_window");
    private static readonly KeyValuePair<string, object?> RollupBacklogFullTag = new("reason", "rollup_backlog_full");
    private static readonly KeyValuePair<string, object?> SucceededTag = new("outcome", "succeeded");
    private static readonly KeyValuePair<string, object?> FailedTag = new("outcome", "failed");

    private TrapRing? _traps; // created with the first trap: most devices never send one
    private DateTimeOffset? _firstTrapReceivedAt;
    private bool _olderTrapsLoaded;
    private bool _dirty;
    private IGrainTimer? _pollTimer;
    private DeviceTalkers? _talkers;
    private SeriesDetectors? _detectors;
    private FleetPriors? _priors;
    private MultivariateScoring? _multivariate;
    private DeviceAnomalies? _anomalies;
    private RollupBacklog? _backlog; // created with the first minute that leaves a window unwritten (durable sink only)
    private bool _flushFailing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.FlushInterval;
        // A random first tick spreads the writes of many devices over the interval.
        var firstTick = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds);
        this.RegisterGrainTimer(_ => FlushAsync(finalFlush: false, writeState: options.Value.WriteStateOnTimer), new GrainTimerCreationOptions(firstTick, interval));
        SchedulePolling();
        return Task.CompletedTask;
    }

    public async Task SetPolling(PollingProfile? profile)
    {
        state.State.Polling = profile;
        await WriteStateAsync();
        _dirty = false;
        SchedulePolling();
        if (profile is null)
        {
            if (await this.GetReminder(PollingReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        else
        {
            var keepAlive = options.Value.PollingKeepAlive;
            await this.RegisterOrUpdateReminder(PollingReminder, keepAlive, keepAlive);
        }
    }

    public Task<PollingProfile?> GetPolling() => Task.FromResult(state.State.Polling);

    public Task<SnmpSetResult> SnmpSet(SnmpSetValue[] values) =>
        state.State is { Polling: { } profile, Record: { } record }
            ? snmp.SetAsync(record.ManagementAddress, profile, values, CancellationToken.None)
            : throw new ConflictProblem($"Device '{this.GetPrimaryKeyString()}' has no polling profile: SET needs its SNMP credential.");

    public Task<string[]> SnmpGet(string[] oids) =>
        state.State is { Polling: { } profile, Record: { } record }
            ? snmp.GetAsync(record.ManagementAddress, profile, oids, CancellationToken.None)
            : throw new ConflictProblem($"Device '{this.GetPrimaryKeyString()}' has no polling profile: GET needs its SNMP credential.");

    /// <summary>Nothing to do: being activated by the reminder restarts the polling timer.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>
    /// A timer per polled device, its first tick at a random point of the interval: polls spread out. Its ticks
    /// interleave with the grain's calls: an agent that stops answering costs each poll its timeouts and retries
    /// (seconds), and for all that time the device must still take its flows, traps and queries.
    /// </summary>
    private void SchedulePolling()
    {
        _pollTimer?.Dispose();
        _pollTimer = null;
        if (state.State is not { Polling: { } profile, Record: not null }) return;
        var firstTick = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * profile.Interval.TotalMilliseconds);
        _pollTimer = this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(firstTick, profile.Interval) { Interleave = true });
    }

    /// <summary>Only the wait for the agent interleaves: the answer goes into the windows in one synchronous step.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        if (state.State is not { Polling: { } profile, Record: { } record }) return;
        try
        {
            var readings = await snmp.PollAsync(record.ManagementAddress, profile, cancellationToken);
            if (_purged || state.State.Polling is null) return; // deleted or unpolled while the agent answered
            IngestNow(new TelemetryBatch(readings));
            NetworkGrainsMetrics.Polls.Add(1, SucceededTag);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NetworkGrainsMetrics.Polls.Add(1, FailedTag);
            LogPollFailed(record.Id, ex.Message);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_talkers is not null) await KeepTalkersAsync(_talkers.CloseAsync());
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown || options.Value.FlushOnShutdown) await FlushAsync(finalFlush: true);
    }

    public Task<DeviceRecord?> GetRecord() => Task.FromResult(state.State.Record);

    public async Task Configure(DeviceRecord record)
    {
        state.State.Record = record;
        await WriteStateAsync();
        _dirty = false;
    }

    /// <summary>A backlog past half full is written first (unless flushes are failing), so that a backfill in many requests is not refused.</summary>
    public Task<IngestResult> Ingest(TelemetryBatch batch) =>
        _backlog is { IsHalfFull: true } && !_flushFailing ? IngestAfterFlushAsync(batch) : Task.FromResult(IngestNow(batch));

    private async Task<IngestResult> IngestAfterFlushAsync(TelemetryBatch batch)
    {
        await FlushAsync(finalFlush: false);
        return IngestNow(batch);
    }

    private IngestResult IngestNow(TelemetryBatch batch)
    {
        if (state.State.Record is null)
        {
            NetworkGrainsMetrics.ReadingsDropped.Add(batch.Readings.Length, UnknownDeviceTag);
            return new IngestResult(0, 0, batch.Readings.Length, 0, UnknownDevice: true);
        }

        var result = state.State.Windows.Ingest(
            batch.Readings, windowOptions, clock.GetUtcNow(), options.Value.Detection ? Detectors : null, rollupSink.IsDurable ? this : null);
        _dirty |= result.Accepted > 0 || result.Discontinuities > 0;
        if (result.Accepted > 0) KeepUnwritten(batch.Readings);
        if (result.Accepted > 0 && options.Value.MultivariateModel is { } model) ScoreMultivariateWhenDue(model, batch.Readings);
        RaiseVerdicts();
        if (result.Accepted > 0) NetworkGrainsMetrics.ReadingsAccepted.Add(result.Accepted);
        if (result.OutOfOrder > 0) NetworkGrainsMetrics.ReadingsDropped.Add(result.OutOfOrder, OutOfOrderTag);
        if (result.Invalid > 0) NetworkGrainsMetrics.ReadingsDropped.Add(result.Invalid, InvalidTag);
        if (result.NotKept > 0) CountNotKept(result);
        return result;
    }

    private void CountNotKept(IngestResult result)
    {
        if (result.NotKeptReason == NotKeptReason.OlderThanWindow)
        {
            NetworkGrainsMetrics.ReadingsDropped.Add(result.NotKept, OlderThanWindowTag);
            return;
        }
        NetworkGrainsMetrics.ReadingsDropped.Add(result.NotKept, RollupBacklogFullTag);
        LogBacklogFull(this.GetPrimaryKeyString(), result.NotKept, options.Value.MaxQueuedRollups);
    }

    /// <summary>Minutes a batch pushes out of a window before a flush wrote them wait in the backlog for the next flush.</summary>
    int ILeavingMinutes.Leaving(SeriesKey key, Series series, long throughMinute) =>
        (_backlog ??= new RollupBacklog(this.GetPrimaryKeyString(), options.Value.MaxQueuedRollups)).Leaving(key, series, throughMinute);

    public Task<DetectorVerdict[]> GetVerdicts(int last) =>
        Task.FromResult(_detectors is null && state.State.Verdicts is null ? [] : Detectors.Newest(last));

    /// <summary>Runs in the background of this activation: ingest does not wait for the inference pool.</summary>
    private void ScoreMultivariateWhenDue(string model, Reading[] readings)
    {
        var newest = readings.Max(r => r.Timestamp).ToUnixTimeSeconds();
        _multivariate ??= new MultivariateScoring(model, options.Value.MultivariateInterval, GrainFactory, clock);
        if (!_multivariate.IsDue(newest)) return;
        _ = ScoreMultivariateAsync(_multivariate, newest);
    }

    private async Task ScoreMultivariateAsync(MultivariateScoring scoring, long newest)
    {
        try
        {
            if (await scoring.ScoreAsync(this.GetPrimaryKeyString(), state.State.Windows, newest) is { } verdict)
            {
                Detectors.Record(verdict);
                RaiseVerdicts();
            }
        }
        catch (DomainProblem ex)
        {
            NetworkGrainsMetrics.MultivariateFailures.Add(1);
            LogMultivariateFailed(this.GetPrimaryKeyString(), ex.Message);
        }
    }

    private SeriesDetectors Detectors => _detectors ??= TakeSavedDetectors();

    private DeviceAnomalies Anomalies => _anomalies ??= new DeviceAnomalies(GrainFactory, state.State.OpenAnomalies, clock);

    /// <summary>New verdicts become anomaly signals, raised in the background of this activation.</summary>
    private void RaiseVerdicts()
    {
        if (_detectors?.TakeNew() is not { Length: > 0 } verdicts) return;
        var id = this.GetPrimaryKeyString();
        _ = KeepRaising(Anomalies.Raise([.. verdicts.Select(v => AnomalyClassifier.FromVerdict(id, v))]));
    }

    /// <summary>A failed raise is logged; the next verdict of the series raises again.</summary>
    private async Task KeepRaising(Task raising)
    {
        try
        {
            await raising;
        }
        catch (Exception ex)
        {
            LogRaiseFailed(ex, this.GetPrimaryKeyString());
        }
        finally
        {
            _dirty |= _anomalies?.Changed == true;
            if (_anomalies is not null) _anomalies.Changed = false;
        }
    }

    /// <summary>The snapshots and verdicts read with the state move into the detectors; the state holds them again only while written.</summary>
    private SeriesDetectors TakeSavedDetectors()
    {
        var id = this.GetPrimaryKeyString();
        var detectors = new SeriesDetectors(options.Value.DetectorThreshold, state.State.Detectors, state.State.Verdicts,
            savedFormat => OlderSnapshots.Shared.Found(logger, id, savedFormat));
        (state.State.Detectors, state.State.Verdicts) = (null, null);
        return detectors;
    }

    /// <summary>Every state write goes through here, so that it carries the detectors' snapshots and newest verdicts.</summary>
    private async Task WriteStateAsync()
    {
        if (_detectors is not null) (state.State.Detectors, state.State.Verdicts) = (_detectors.Snapshot(), _detectors.Verdicts());
        try
        {
            await state.WriteStateAsync();
            ForgetUnwritten();
        }
        finally
        {
            if (_detectors is not null) (state.State.Detectors, state.State.Verdicts) = (null, null);
        }
    }

    public Task<SeriesSummary[]> GetSeries() =>
        Task.FromResult(state.State.Windows.All
            .OrderBy(s => s.Key.Metric, StringComparer.Ordinal).ThenBy(s => s.Key.Instance, StringComparer.Ordinal)
            .Select(s => Summarize(s.Key, s.Value))
            .ToArray());

    public Task<TelemetryPoint[]> GetRaw(string metric, string? instance, DateTimeOffset from, DateTimeOffset to)
    {
        SeriesWindow? window = state.State.Windows.Find(metric, instance);
        if (window is null) return Task.FromResult(Array.Empty<TelemetryPoint>());

        var (first, last) = (from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var points = new List<TelemetryPoint>();
        for (var i = 0; i < window.Count; i++)
        {
            var (second, value) = window[i];
            if (second >= first && second <= last) points.Add(new(DateTimeOffset.FromUnixTimeSeconds(second), value));
        }
        return Task.FromResult(points.ToArray());
    }

    public Task<RollupPoint[]> GetRollups(string metric, string? instance, DateTimeOffset from, DateTimeOffset to)
    {
        var window = state.State.Windows.Find(metric, instance);
        if (window is null) return Task.FromResult(Array.Empty<RollupPoint>());

        // Minutes through the mark are stored (or in the backlog, on their way): the window may hold only their last points.
        var (first, last) = (MinuteRollups.FloorMinute(from.ToUnixTimeSeconds()), MinuteRollups.FloorMinute(to.ToUnixTimeSeconds()) + 1);
        var held = MinuteRollups.Compute(window, Math.Max(first, window.RollupsWrittenThrough + 1), last).Select(r => r.Rollup);
        var queued = _backlog?.Of(new SeriesKey(metric, instance ?? ""), DateTimeOffset.FromUnixTimeSeconds(first * 60), DateTimeOffset.FromUnixTimeSeconds(last * 60));
        return Task.FromResult(queued is null ? held.ToArray() : [.. queued.Select(r => r.ToPoint()), .. held]);
    }

    public async Task<IngestResult> RecordFlows(FlowReport report)
    {
        var result = await Ingest(new TelemetryBatch(FlowReadings.From(report)));
        if (result.UnknownDevice) return result;
        (state.State.Flows ??= new FlowHistory()).Add(report.Start, report.Totals);
        _dirty = true;
        await KeepTalkersAsync(Talkers.AddAsync(report.Start, report.Talkers));
        return result;
    }

    public Task<FlowTotals> GetFlowSummary(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(state.State.Flows?.Sum(from, to) ?? default);

    public Task<TopTalkers> GetTopTalkers(FlowDimension dimension, DateTimeOffset from, DateTimeOffset to) =>
        Talkers.QueryAsync(dimension, from, to);

    private DeviceTalkers Talkers => _talkers ??= new DeviceTalkers(this.GetPrimaryKeyString(), talkerLog, clock);

    /// <summary>A talker log that fails costs the durability of that minute's talkers, not the flows just recorded.</summary>
    private async Task KeepTalkersAsync(Task writing)
    {
        try
        {
            await writing;
        }
        catch (Exception ex)
        {
            LogTalkersNotKept(ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>The anomalies are raised in the background, under this call's span: the Activity flows into those tasks.</summary>
    public Task RecordTraps(TrapEvent[] received)
    {
        if (received.Length == 0) return Task.CompletedTask;
        using var span = NetworkGrainsTracing.Source.StartActivity("device record traps");
        span?.SetTag("ng.device.id", this.GetPrimaryKeyString()).SetTag("ng.traps", received.Length);
        _firstTrapReceivedAt ??= received[0].ReceivedAt;
        (_traps ??= new TrapRing(Limits.TrapsKept)).Add(received);
        LearnInterfaceNames(received);
        if (state.State.Record is null) return Task.CompletedTask;
        var id = this.GetPrimaryKeyString();
        var signals = received.Select(t => AnomalyClassifier.FromTrap(id, t)).OfType<AnomalySignal>().ToList();
        if (signals.Count > 0) _ = KeepRaising(Anomalies.Raise(signals));
        foreach (var linkUp in received.Where(t => t.Kind == TrapKind.LinkUp))
            _ = KeepRaising(Anomalies.ResolveLinkDown(AnomalyClassifier.InterfaceOf(linkUp)));
        return Task.CompletedTask;
    }

    public async Task<TrapEvent[]> GetTraps(int last)
    {
        if (!_olderTrapsLoaded)
        {
            // The log holds what earlier activations received; this one's traps are already in memory.
            var before = _firstTrapReceivedAt ?? clock.GetUtcNow();
            var older = await trapLog.ReadRecentAsync(this.GetPrimaryKeyString(), Limits.TrapsKept, before, CancellationToken.None);
            if (older.Length > 0) (_traps ??= new TrapRing(Limits.TrapsKept)).AddOlder(older);
            _olderTrapsLoaded = true;
        }
        return _traps?.Newest(last) ?? [];
    }

    public Task Flush() => FlushAsync(finalFlush: false);

    private async Task FlushAsync(bool finalFlush, bool writeState = true)
    {
        if (_purged) return;
        if (_anomalies is not null) _ = KeepRaising(_anomalies.FlushRepeats());
        CloseSyslogRates();
        if (_detectors is not null && !finalFlush) await ExchangePriorsAsync(_detectors);
        try
        {
            if (rollupSink.IsDurable && state.State.Record is not null) await WriteRollupsAsync(finalFlush);
            if (writeState && (_dirty || _detectors?.Changed == true))
            {
                _dirty = false;
                await WriteStateAsync();
            }
            _flushFailing = false;
        }
        catch (Exception ex)
        {
            if (ex is Orleans.Storage.InconsistentStateException && await ReplayOnStoredStateAsync())
            {
                _flushFailing = false;
                return;
            }
            _dirty = true;
            _flushFailing = true;
            NetworkGrainsMetrics.FlushFailures.Add(1);
            if (finalFlush) LogFinalFlushFailed(ex, this.GetPrimaryKeyString());
            else LogFlushFailed(ex, this.GetPrimaryKeyString());
            // Another activation of this device has written its state since this one read it, and replaying onto it
            // is off or failed: this one can never write again, so it steps aside instead of acknowledging readings it
            // cannot keep; calls go to the other.
            if (ex is Orleans.Storage.InconsistentStateException && !finalFlush) DeactivateOnIdle();
        }
    }

    /// <summary>Reports this device's series to its peers' priors and seeds its young series from them; a failure costs only a prior.</summary>
    private async Task ExchangePriorsAsync(SeriesDetectors detectors)
    {
        try
        {
            var peers = GrainFactory.GetGrain<IFleetPriorsGrain>(FleetPriors.GroupOf(state.State.Record?.Role));
            await (_priors ??= new FleetPriors(clock)).ExchangeAsync(peers, this.GetPrimaryKeyString(), detectors);
        }
        catch (Exception ex)
        {
            LogPriorsFailed(this.GetPrimaryKeyString(), ex.Message);
        }
    }

    /// <summary>The backlog, oldest first, then the windows' closed minutes: one write, and the backlog shrinks once it is stored.</summary>
    private async Task WriteRollupsAsync(bool finalFlush)
    {
        var pending = PendingRollups.Collect(this.GetPrimaryKeyString(), state.State.Windows, clock.GetUtcNow(), finalFlush);
        var queued = _backlog?.Rows.Count ?? 0;
        if (queued + pending.Rows.Count > 0)
        {
            IReadOnlyList<RollupRow> rows = queued == 0 ? pending.Rows : [.. _backlog!.Rows, .. pending.Rows];
            await rollupSink.WriteAsync(rows, CancellationToken.None);
            _backlog?.Written(queued);
            NetworkGrainsMetrics.RollupsWritten.Add(rows.Count);
        }
        _dirty |= pending.MarkWritten();
    }

    private static SeriesSummary Summarize(SeriesKey key, Series series)
    {
        var instance = key.Instance.Length == 0 ? null : key.Instance;
        if (series.Count == 0) return new SeriesSummary(key.Metric, instance, series.Kind, 0, null, null, null, null, null, null);
        return new SeriesSummary(key.Metric, instance, series.Kind, series.Count, series.Mean, Math.Sqrt(series.Variance),
            series.Min, series.Max, series.Last, DateTimeOffset.FromUnixTimeSeconds(series.LastSecond));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raising anomalies of device {DeviceId} failed; the next verdict raises again")]
    private partial void LogRaiseFailed(Exception ex, string deviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scoring device {DeviceId} with the multivariate model failed: {Reason} (counted in ng_multivariate_failures)")]
    private partial void LogMultivariateFailed(string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Exchanging fleet priors for device {DeviceId} failed: {Reason}; its young series wait for the next flush")]
    private partial void LogPriorsFailed(string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polling device {DeviceId} failed: {Reason} (counted in ng_device_polls)")]
    private partial void LogPollFailed(string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flushing device {DeviceId} failed; it is retried at the next flush")]
    private partial void LogFlushFailed(Exception ex, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} did not keep {Readings} readings: they left its window while its backlog of {Capacity} rollups waiting for PostgreSQL was full (counted in ng_readings_dropped)")]
    private partial void LogBacklogFull(string deviceId, int readings, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the top talkers of device {DeviceId} failed: they stay in memory, but not in the talker log")]
    private partial void LogTalkersNotKept(Exception ex, string deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flushing device {DeviceId} on deactivation failed: readings since its last flush are lost")]
    private partial void LogFinalFlushFailed(Exception ex, string deviceId);
}
