using System.Text.Json;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// A rule: matches anomaly events, checks its count condition, the silences and its cooldown, then runs its
/// actions. Each action is written as pending before it runs and as done after, under an idempotency key: an
/// activation that finds pending actions (a crash in between) runs them again with the same key, so the receiver
/// can tell a retry from a new event. At least once, never silently dropped.
/// </summary>
public sealed class RuleGrain(
    [PersistentState("rule", StorageNames.Anomalies)] IPersistentState<RuleState> state,
    WebhookSender webhooks,
    TimeProvider clock)
    : Grain, IRuleGrain
{
    public const int MaxHistory = 200;
    public const string InstancePlaceholder = "{instance}";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Pending.Count > 0)
            this.RegisterGrainTimer(ResumePendingAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    public async Task<bool> Define(RuleDefinition definition)
    {
        var created = state.State.Definition is null;
        state.State.Definition = definition with { Id = Id };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).AddRule(Id);
        return created;
    }

    public Task<RuleDefinition?> Get() => Task.FromResult(state.State.Definition);

    public Task<RuleExecution[]> History(int last) =>
        Task.FromResult(state.State.History.AsEnumerable().Reverse().Take(last).ToArray());

    public async Task<RuleExecution[]> Handle(AnomalyEvent anomalyEvent, bool force)
    {
        if (state.State.Definition is not { } rule) throw new KeyNotFoundException($"no rule {Id}");
        if (!force && (!RuleMatching.Matches(rule, anomalyEvent) || !ConditionMet(rule, anomalyEvent))) return [];

        var anomaly = anomalyEvent.Anomaly;
        var now = clock.GetUtcNow();
        var series = RuleMatching.SeriesOf(anomaly);
        var keyBase = force ? $"{Id}:{anomaly.Id}:manual:{now.UtcTicks}" : $"{Id}:{anomaly.Id}:{anomalyEvent.Kind}:{anomaly.Count}";
        var silences = await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Silences();
        var blocked = silences.FirstOrDefault(s => s.Matches(anomaly, now)) is { } silence ? (ExecutionOutcome.Silenced, $"silence {silence.Id}")
            : !force && state.State.CoolingUntil.TryGetValue(series, out var until) && now < until ? (ExecutionOutcome.CoolingDown, $"until {until:O}")
            : rule.DryRun ? (ExecutionOutcome.DryRun, "dry run") : ((ExecutionOutcome, string)?)null;

        var executions = new List<RuleExecution>();
        for (var i = 0; i < rule.Actions.Length; i++)
        {
            var key = $"{keyBase}:{i}";
            if (state.State.History.Any(h => h.IdempotencyKey == key && h.Outcome == ExecutionOutcome.Succeeded)) continue;
            executions.Add(blocked is { } why
                ? await Record(new RuleExecution(key, anomaly.Id, rule.Actions[i].Type, why.Item1, 0, now, why.Item2))
                : await Run(rule, i, key, anomalyEvent));
        }

        if (blocked is null && !force) state.State.CoolingUntil[series] = now + rule.Cooldown;
        await state.WriteStateAsync();
        return [.. executions];
    }

    private bool ConditionMet(RuleDefinition rule, AnomalyEvent anomalyEvent)
    {
        if (rule.Condition is not { } condition) return true;
        var now = clock.GetUtcNow();
        var series = RuleMatching.SeriesOf(anomalyEvent.Anomaly);
        if (!state.State.Hits.TryGetValue(series, out var hits)) state.State.Hits[series] = hits = [];
        hits.Add(now);
        hits.RemoveAll(t => now - t > condition.Window);
        return hits.Count >= condition.Count;
    }

    private async Task<RuleExecution> Run(RuleDefinition rule, int index, string key, AnomalyEvent anomalyEvent)
    {
        state.State.Pending[key] = anomalyEvent;
        await state.WriteStateAsync();
        var action = rule.Actions[index];
        var (ok, attempts, detail) = action.Type switch
        {
            RuleActionType.Webhook => await webhooks.SendAsync(action.Url!, action.Secret ?? "", Payload(key, anomalyEvent), key, CancellationToken.None),
            RuleActionType.SnmpSet => await SnmpSet(anomalyEvent.Anomaly, action.Set ?? []),
            _ => await OpenInvestigation(anomalyEvent.Anomaly),
        };
        state.State.Pending.Remove(key);
        return await Record(new RuleExecution(key, anomalyEvent.Anomaly.Id, action.Type, ok ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed, attempts, clock.GetUtcNow(), detail));
    }

    private async Task<(bool, int, string)> OpenInvestigation(Anomaly anomaly)
    {
        var grain = GrainFactory.GetGrain<IAnomalyGrain>(anomaly.Id);
        if (await grain.Get() is not { Status: AnomalyStatus.Detected }) return (true, 1, "not in detected: nothing to open");
        await grain.Investigate(new Actor($"rule:{Id}", ["incident_responder"]), $"opened by rule {Id}");
        return (true, 1, "investigating");
    }

    private async Task<(bool, int, string)> SnmpSet(Anomaly anomaly, SnmpSetValue[] set)
    {
        if (anomaly.Instance is null && set.Any(v => v.Oid.Contains(InstancePlaceholder, StringComparison.Ordinal)))
            return (false, 1, "the anomaly has no instance for {instance}");
        var values = set.Select(v => v with { Oid = v.Oid.Replace(InstancePlaceholder, anomaly.Instance, StringComparison.Ordinal) }).ToArray();
        try
        {
            var result = await GrainFactory.GetGrain<IDeviceGrain>(anomaly.DeviceId).SnmpSet(values);
            return (result.Succeeded, 1, result.Succeeded ? "set " + string.Join(", ", values.Select(v => v.Oid)) : $"error status {result.ErrorStatus} at {result.ErrorIndex}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return (false, 1, ex.Message);
        }
    }

    private byte[] Payload(string key, AnomalyEvent anomalyEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(new { rule = Id, idempotencyKey = key, @event = anomalyEvent.Kind.ToString(), anomaly = anomalyEvent.Anomaly }, Json);

    private Task<RuleExecution> Record(RuleExecution execution)
    {
        state.State.History.Add(execution);
        if (state.State.History.Count > MaxHistory) state.State.History.RemoveRange(0, state.State.History.Count - MaxHistory);
        return Task.FromResult(execution);
    }

    private async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is not { } rule) return;
        foreach (var (key, anomalyEvent) in state.State.Pending.ToList())
        {
            var index = int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            if (index < rule.Actions.Length) await Run(rule, index, key, anomalyEvent);
            else state.State.Pending.Remove(key);
        }

        await state.WriteStateAsync();
    }
}
