using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using Orleans.Runtime;
using Orleans.Streams;

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
    [PersistentState("anomaly", StorageNames.Anomalies)] IPersistentState<AnomalyState> state,
    IAnomalyLog log,
    IOptions<AnomalyOptions> options,
    TimeProvider clock,
    ILogger<AnomalyGrain> logger)
    : Grain, IAnomalyGrain
{
    private static readonly Actor QuietResolver = new("system", ["admin"]);

    public Task<Anomaly?> Get() => Task.FromResult(state.State.Anomaly);

    public async Task<Anomaly> Signal(AnomalySignal signal)
    {
        if (state.State.Anomaly is { IsOpen: false } closed) return closed;
        var opening = state.State.Anomaly is null;
        var anomaly = opening ? AnomalyLifecycle.Open(this.GetPrimaryKeyString(), signal) : AnomalyLifecycle.Add(state.State.Anomaly!, signal);
        await Change(anomaly, opening ? AnomalyEventKind.Opened : AnomalyEventKind.Updated);
        if (opening) LogOpened(anomaly.Id, anomaly.DeviceId, anomaly.Category, anomaly.Severity, anomaly.Instance is null ? anomaly.Metric : $"{anomaly.Metric}[{anomaly.Instance}]");
        return anomaly;
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

    public async Task<bool> ResolveIfQuiet()
    {
        if (state.State.Anomaly is not { } anomaly || !AnomalyLifecycle.IsQuiet(anomaly, clock.GetUtcNow(), options.Value.QuietPeriod)) return false;
        await Resolve(QuietResolver, AnomalyStatus.Resolved, $"no new signal for {options.Value.QuietPeriod}");
        return true;
    }

    private async Task Change(Anomaly anomaly, AnomalyEventKind kind)
    {
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
            .OnNextAsync(new AnomalyEvent(kind, anomaly));
    }

    private Anomaly Existing() => state.State.Anomaly ?? throw new KeyNotFoundException($"no anomaly {this.GetPrimaryKeyString()}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly {AnomalyId} opened on {DeviceId}: {Category}, {Severity} ({Series})")]
    private partial void LogOpened(string anomalyId, string deviceId, AnomalyCategory category, AnomalySeverity severity, string series);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing anomaly {AnomalyId} to the anomaly list failed; the next change of it writes it again")]
    private partial void LogProjectionFailed(Exception ex, string anomalyId);
}
