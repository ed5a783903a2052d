using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using Orleans.Runtime;
using Orleans.Streams;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Anomalies;

[GenerateSerializer, Alias("ng.anomaly-state.v1")]
public sealed class AnomalyState
{
    [Id(0)] public Anomaly? Anomaly { get; set; }
}

/// <summary>
/// One anomaly: every change is written (grain state), then projected to the anomaly log and published on the
/// "anomalies" stream. The quiet sweep (<see cref="QuietSweeperGrain"/>) resolves it once it has gone quiet.
/// </summary>
public sealed partial class AnomalyGrain(
    [PersistentState("anomaly", StorageNames.Operations)] IPersistentState<AnomalyState> state,
    IAnomalyLog log,
    IOptions<AnomalyOptions> options,
    TimeProvider clock,
    ILogger<AnomalyGrain> logger)
    : Grain, IAnomalyGrain
{
    private static readonly Actor QuietResolver = new("system", [RoleNames.Admin]);

    /// <summary>
    /// Repeats of an open anomaly (count, last seen, peak) go out at most this often: a storm of repeats (a flapping
    /// link's traps, a noisy series) would otherwise write the state and fill the anomalies stream with each one.
    /// Openings, severity changes and status changes go out at once.
    /// </summary>
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromSeconds(1);

    private static readonly string[] SpanNames = [.. Enum.GetValues<AnomalyEventKind>().Select(k => $"anomaly {SnakeCaseNames.Of(k)}")];

    private DateTimeOffset _lastChange;
    private IGrainTimer? _repeats; // set while repeats wait to go out

    public Task<Anomaly?> Get() => Task.FromResult(state.State.Anomaly);

    /// <summary>
    /// A signal that comes the quiet period or more after the open anomaly's last one finds it quiet (the sweep had
    /// not got to it yet: a backfill's old verdicts, then live data): it is resolved, and the caller opens another.
    /// </summary>
    public async Task<Anomaly> Signal(AnomalySignal signal)
    {
        if (state.State.Anomaly is { IsOpen: false } closed) return closed;
        if (await ResolveIfQuietAt(signal.At)) return state.State.Anomaly!;
        var previous = state.State.Anomaly;
        var anomaly = previous is null ? AnomalyLifecycle.Open(this.GetPrimaryKeyString(), signal) : AnomalyLifecycle.Add(previous, signal);
        if (previous is not null && anomaly.Severity == previous.Severity && clock.GetUtcNow() - _lastChange < RepeatInterval)
        {
            state.State.Anomaly = anomaly; // goes out with the next change, the repeat timer, or deactivation
            _repeats ??= this.RegisterGrainTimer(_ => Change(state.State.Anomaly!, AnomalyEventKind.Updated), new GrainTimerCreationOptions(RepeatInterval, Timeout.InfiniteTimeSpan));
            return anomaly;
        }

        await Change(anomaly, previous is null ? AnomalyEventKind.Opened : AnomalyEventKind.Updated);
        if (previous is null) LogOpened(anomaly.Id, anomaly.DeviceId, anomaly.Category, anomaly.Severity, anomaly.Instance is null ? anomaly.Metric : $"{anomaly.Metric}[{anomaly.Instance}]");
        return anomaly;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_repeats is not null) await Change(state.State.Anomaly!, AnomalyEventKind.Updated);
    }

    public async Task<bool> Purge()
    {
        var had = state.State.Anomaly is not null;
        _repeats?.Dispose();
        _repeats = null;
        await state.ClearStateAsync();
        state.State.Anomaly = null;
        DeactivateOnIdle();
        return had;
    }

    public async Task<Anomaly> Investigate(Actor actor, string? notes)
    {
        var anomaly = AnomalyLifecycle.Investigate(Existing(), actor, notes, clock.GetUtcNow());
        await Change(anomaly, AnomalyEventKind.StatusChanged);
        return anomaly;
    }

    public async Task<Anomaly> Resolve(Actor actor, AnomalyStatus resolution, string? notes)
    {
        var anomaly = AnomalyLifecycle.Resolve(Existing(), actor, resolution, notes, clock.GetUtcNow());
        await Change(anomaly, AnomalyEventKind.Resolved);
        return anomaly;
    }

    public Task<bool> ResolveIfQuiet() => ResolveIfQuietAt(clock.GetUtcNow());

    private async Task<bool> ResolveIfQuietAt(DateTimeOffset now)
    {
        if (state.State.Anomaly is not { } anomaly || !AnomalyLifecycle.IsQuiet(anomaly, now, options.Value.QuietPeriod)) return false;
        await Resolve(QuietResolver, AnomalyStatus.Resolved, $"no new signal for {options.Value.QuietPeriod}");
        return true;
    }

    private async Task Change(Anomaly anomaly, AnomalyEventKind kind)
    {
        using var span = NetworkGrainsTracing.Source.StartActivity(SpanNames[(int)kind]);
        span?.SetTag("ng.anomaly.id", anomaly.Id).SetTag("ng.device.id", anomaly.DeviceId)
            .SetTag("ng.anomaly.category", SnakeCaseNames.Of(anomaly.Category)).SetTag("ng.anomaly.severity", SnakeCaseNames.Of(anomaly.Severity));
        _repeats?.Dispose();
        _repeats = null;
        _lastChange = clock.GetUtcNow();
        state.State.Anomaly = anomaly;
        await state.WriteStateAsync();
        try
        {
            await log.Upsert(anomaly);
        }
        catch (Exception ex)
        {
            // The grain state is the truth; the list catches up with the next change.
            LogProjectionFailed(ex, anomaly.Id);
        }

        await this.GetStreamProvider(StreamNames.Provider)
            .GetStream<AnomalyEvent>(StreamId.Create(StreamNames.Anomalies, StreamNames.AllAnomalies))
            .OnNextAsync(new AnomalyEvent(kind, anomaly, NetworkGrainsTracing.TraceParentOf(span)));
        NetworkGrainsMetrics.AnomalyEvents.Add(1, new("kind", SnakeCaseNames.Of(kind)), new("severity", SnakeCaseNames.Of(anomaly.Severity)));
    }

    private Anomaly Existing() => state.State.Anomaly ?? throw new NotFoundProblem($"no anomaly {this.GetPrimaryKeyString()}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly {AnomalyId} opened on {DeviceId}: {Category}, {Severity} ({Series})")]
    private partial void LogOpened(string anomalyId, string deviceId, AnomalyCategory category, AnomalySeverity severity, string series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing anomaly {AnomalyId} to the anomaly list failed; the next change of it writes it again")]
    private partial void LogProjectionFailed(Exception ex, string anomalyId);
}
