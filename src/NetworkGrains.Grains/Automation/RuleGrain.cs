using NetworkGrains.Abstractions;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using Orleans.Concurrency;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// A rule: matches anomaly events (with the device's record when the trigger or an expression asks about the
/// device), checks its expressions and count condition, the silences and its cooldown, then runs its
/// actions. Each action is written as pending before it runs and as done after, under an idempotency key: an
/// activation that finds pending actions (a crash in between) runs them again with the same key, so the receiver
/// can tell a retry from a new event. At least once, never silently dropped.
/// The grain is reentrant so that many actions run at once: the decisions (condition, cooldown) are made without
/// an await in between, and concurrent changes share state writes (<see cref="GroupCommit"/>). A reminder brings
/// the rule back after a silo failure so that pending actions do not wait for the next event.
/// </summary>
[Reentrant]
public sealed partial class RuleGrain : Grain, IRuleGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);
    private readonly IPersistentState<RuleState> _state;
    private readonly ActionRunner _actions;
    private readonly TimeProvider _clock;
    private readonly GroupCommit _writes;
    private readonly DeviceRecordCache _devices;
    private readonly HumanReview _review;

    private readonly ILogger<RuleGrain> _logger;

    public RuleGrain([PersistentState("rule", StorageNames.Operations)] IPersistentState<RuleState> state, ActionRunner actions, HumanReview review, TimeProvider clock,
        ILogger<RuleGrain> logger)
    {
        _review = review;
        _logger = logger;
        _state = state;
        _actions = actions;
        _clock = clock;
        _writes = new GroupCommit(() => _state.WriteStateAsync());
        _devices = new DeviceRecordCache(id => GrainFactory.GetGrain<IDeviceGrain>(id).GetRecord(), clock);
    }

    private string Id => this.GetPrimaryKeyString();

    private RuleState State => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Definition is { } rule)
            foreach (var (key, anomalyEvent) in State.Pending.ToList())
                _ = Run(rule, key, anomalyEvent, reviewed: !key.Contains(":manual:", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    public async Task<bool> Define(RuleDefinition definition)
    {
        var created = State.Definition is null;
        State.Definition = definition with { Id = Id };
        await _writes.WriteAsync();
        await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).AddRule(Id);
        await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        return created;
    }

    public Task<RuleDefinition?> Get() => Task.FromResult(State.Definition);

    public Task<RuleExecution[]> History(int last) => Task.FromResult(State.History.AsEnumerable().Reverse().Take(last).ToArray());

    public async Task<RuleExecution[]> Handle(AnomalyEvent anomalyEvent, bool force) => await Task.WhenAll(await Start(anomalyEvent, force));

    public async Task Accept(AnomalyEvent anomalyEvent) => await Start(anomalyEvent, force: false);

    /// <summary>The activation the reminder causes resumes pending actions (<see cref="OnActivateAsync"/>); nothing more to do.</summary>
    public Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status) => Task.CompletedTask;

    /// <summary>Decides, writes the pending actions, starts them, and returns their executions to come.</summary>
    private async Task<List<Task<RuleExecution>>> Start(AnomalyEvent anomalyEvent, bool force)
    {
        using var span = NetworkGrainsTracing.StartFrom("rule evaluate", ActivityKind.Internal, anomalyEvent.TraceParent);
        span?.SetTag("ng.rule.id", Id).SetTag("ng.anomaly.id", anomalyEvent.Anomaly.Id);
        if (State.Definition is not { } rule) throw new NotFoundProblem($"no rule {Id}");
        if (!force && !RuleMatching.Matches(rule, anomalyEvent)) return [];
        var anomaly = anomalyEvent.Anomaly;
        var silences = GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Silences();
        var device = !force && (rule.Trigger.NeedsDevice || rule.Where?.Any(e => e.NeedsDevice) == true) ? await _devices.Get(anomaly.DeviceId) : null;
        if (!force && (!RuleMatching.MatchesDevice(rule.Trigger, device) || !RuleExpressions.Hold(rule.Where ?? [], anomaly, device))) return [];
        var activeSilences = await silences;

        // From here to the write, no await: two events of one series cannot both pass the condition or the cooldown.
        if (!force && !ConditionMet(rule, anomalyEvent)) return [];
        var now = _clock.GetUtcNow();
        var series = RuleMatching.SeriesOf(anomaly);
        var keyBase = force ? $"{Id}:{anomaly.Id}:manual:{now.UtcTicks}" : $"{Id}:{anomaly.Id}:{anomalyEvent.Kind}:{anomaly.Count}";
        var blocked = activeSilences.FirstOrDefault(s => s.Matches(anomaly, now)) is { } silence ? (ExecutionOutcome.Silenced, $"silence {silence.Id}")
            : !force && State.CoolingUntil.TryGetValue(series, out var until) && now < until ? (ExecutionOutcome.CoolingDown, $"until {until:O}")
            : rule.DryRun ? (ExecutionOutcome.DryRun, "dry run") : ((ExecutionOutcome, string)?)null;

        var keys = new List<string>();
        var executions = new List<Task<RuleExecution>>();
        for (var i = 0; i < rule.Actions.Length; i++)
        {
            var key = $"{keyBase}:{i}";
            if (State.Pending.ContainsKey(key) || State.History.Any(h => h.IdempotencyKey == key && h.Outcome == ExecutionOutcome.Succeeded)) continue;
            if (blocked is { } why)
            {
                executions.Add(Task.FromResult(Record(new RuleExecution(key, anomaly.Id, rule.Actions[i].Type, why.Item1, 0, now, why.Item2))));
                continue;
            }

            State.Pending[key] = anomalyEvent;
            keys.Add(key);
        }

        if (blocked is null && !force) StartCooldown(series, now + rule.Cooldown, now);
        await _writes.WriteAsync();
        executions.AddRange(keys.Select(key => Run(rule, key, anomalyEvent, reviewed: !force)));
        return executions;
    }

    private bool ConditionMet(RuleDefinition rule, AnomalyEvent anomalyEvent)
    {
        if (rule.Condition is not { } condition) return true;
        var now = _clock.GetUtcNow();
        var series = RuleMatching.SeriesOf(anomalyEvent.Anomaly);
        if (!State.Hits.TryGetValue(series, out var hits)) State.Hits[series] = hits = [];
        hits.Add(now);
        hits.RemoveAll(t => now - t > condition.Window);
        return hits.Count >= condition.Count;
    }

    /// <summary>Sets a series' cooldown, and forgets the cooldowns that have run out so the state does not grow with every series seen.</summary>
    private void StartCooldown(string series, DateTimeOffset until, DateTimeOffset now)
    {
        foreach (var expired in State.CoolingUntil.Where(c => c.Value <= now).Select(c => c.Key).ToList()) State.CoolingUntil.Remove(expired);
        if (until > now) State.CoolingUntil[series] = until;
    }

    /// <summary>
    /// Runs one action; with <paramref name="reviewed"/> (not run by hand), a change below the confidence threshold is
    /// held for a person instead. Its span is in the event's trace, also when a later activation resumes it.
    /// </summary>
    private async Task<RuleExecution> Run(RuleDefinition rule, string key, AnomalyEvent anomalyEvent, bool reviewed)
    {
        var index = int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var span = NetworkGrainsTracing.StartFrom("rule action", ActivityKind.Internal, anomalyEvent.TraceParent);
        span?.SetTag("ng.rule.id", Id).SetTag("ng.idempotency_key", key);
        var scope = index < rule.Actions.Length ? ActionScope.ForRule(Id, key, anomalyEvent, rule.Actions[index].Parameters) : null;
        var held = scope is not null && reviewed ? await _review.HoldAsync(rule.Actions[index], scope) : null;
        var outcome = held is not null ? new ActionOutcome(true, 0, $"held for review: workflow run {held.Id} waits for an approval")
            : scope is not null ? await _actions.RunAsync(rule.Actions[index], scope, CancellationToken.None)
            : new ActionOutcome(false, 0, "the rule was redefined without this action");
        State.Pending.Remove(key);
        var type = index < rule.Actions.Length ? rule.Actions[index].Type : RuleActionType.Webhook;
        var status = held is not null ? ExecutionOutcome.HeldForReview : outcome.Succeeded ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed;
        var execution = Record(new RuleExecution(key, anomalyEvent.Anomaly.Id, type, status, outcome.Attempts, _clock.GetUtcNow(), outcome.Detail));
        LogAction(Id, type, anomalyEvent.Anomaly.Id, execution.Outcome, outcome.Detail);
        await _writes.WriteAsync();
        return execution;
    }

    private RuleExecution Record(RuleExecution execution)
    {
        State.History.Add(execution);
        if (State.History.Count > Limits.RuleHistoryKept) State.History.RemoveRange(0, State.History.Count - Limits.RuleHistoryKept);
        return execution;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {Rule} ran {Action} for anomaly {AnomalyId}: {Outcome} ({Detail})")]
    private partial void LogAction(string rule, RuleActionType action, string anomalyId, ExecutionOutcome outcome, string detail);
}
