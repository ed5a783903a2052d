using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// Runs the actions of rules and workflow steps. Each action is safe to repeat with the same scope: webhooks and
/// cards carry the idempotency key, a workflow started twice under one key is one run, and the anomaly actions do
/// nothing when the anomaly is already where they would put it.
/// </summary>
public sealed class ActionRunner(WebhookSender webhooks, IGrainFactory grains, IOptions<AutomationOptions> options, AuditTrail audit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Runs the action, and records it in the audit trail (source rule or workflow) whatever its outcome; for the
    /// anomaly actions with the anomaly's status before and after.
    /// </summary>
    public async Task<ActionOutcome> RunAsync(RuleAction action, ActionScope scope, CancellationToken cancellationToken)
    {
        var changedAnomaly = action.Type is RuleActionType.ResolveAnomaly or RuleActionType.OpenInvestigation ? scope.Anomaly?.Id : null;
        var before = await AnomalyState(changedAnomaly);
        var outcome = await Act(action, scope, cancellationToken);
        var after = await AnomalyState(changedAnomaly);
        var source = scope.Origin.StartsWith("rule:", StringComparison.Ordinal) ? "rule" : "workflow";
        NetworkGrainsMetrics.ActionsRun.Add(1, new("source", source), new("type", SnakeCaseNames.Of(action.Type)), new("outcome", outcome.Succeeded ? "succeeded" : "failed"));
        await audit.RecordAsync(scope.Actor, source,
            SnakeCaseNames.Of(action.Type), scope.Anomaly?.Id ?? scope.DeviceId ?? "-",
            $"{(outcome.Succeeded ? "succeeded" : "failed")} after {outcome.Attempts}: {outcome.Detail} (key {scope.IdempotencyKey})",
            change: AuditChange.Between(before, after));
        return outcome;
    }

    private async Task<JsonObject?> AnomalyState(string? id) =>
        id is not null && await grains.GetGrain<IAnomalyGrain>(id).Get() is { } anomaly ? new JsonObject { ["status"] = SnakeCaseNames.Of(anomaly.Status) } : null;

    private async Task<ActionOutcome> Act(RuleAction action, ActionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return action.Type switch
            {
                RuleActionType.Webhook => await webhooks.SendAsync(action.Url!, action.Secret, WebhookBody(scope), scope.IdempotencyKey, cancellationToken),
                RuleActionType.TeamsNotify => await NotifyTeams(action, scope, cancellationToken),
                RuleActionType.SnmpSet => await SnmpSet(action.Set ?? [], scope),
                RuleActionType.RunWorkflow => await StartWorkflow(action, scope),
                RuleActionType.ResolveAnomaly => await ResolveAnomaly(scope),
                _ => await OpenInvestigation(scope),
            };
        }
        catch (Exception ex) when (ex is DomainProblem or InvalidOperationException or TimeoutException or KeyNotFoundException or System.Net.Sockets.SocketException)
        {
            return new ActionOutcome(false, 1, ex.Message);
        }
    }

    private byte[] WebhookBody(ActionScope scope) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        origin = scope.Origin,
        idempotencyKey = scope.IdempotencyKey,
        @event = scope.Kind?.ToString(),
        deviceId = scope.DeviceId,
        instance = scope.Instance,
        anomaly = scope.Anomaly,
    }, Json);

    /// <summary>To the action's incoming webhook, or Automation:TeamsWebhookUrl; without either, through the bot to the subscribed conversations.</summary>
    private async Task<ActionOutcome> NotifyTeams(RuleAction action, ActionScope scope, CancellationToken cancellationToken)
    {
        if ((action.Url ?? options.Value.TeamsWebhookUrl) is { } url)
            return await webhooks.SendAsync(url, null, TeamsCards.Message(AnomalyCard.Build(action.Text, scope)), scope.IdempotencyKey, cancellationToken);
        scope.TryFill(action.Text ?? "", out var note, out _);
        var card = scope.Anomaly is { } anomaly ? ChatOps.ChatCards.Anomaly(anomaly, note.Length > 0 ? note : null) : AnomalyCard.Build(action.Text, scope);
        var delivered = await grains.GetGrain<ChatOps.IChatNotifierGrain>(ChatOps.IChatNotifierGrain.Key)
            .Card(card.ToJsonString(), scope.Anomaly?.Severity ?? AnomalySeverity.Critical, note.Length > 0 ? note : scope.Origin);
        return delivered > 0 ? new(true, 1, $"to {delivered} Teams conversations") : new(false, 1, "no Teams conversation is subscribed (and no webhook URL is set)");
    }

    private async Task<ActionOutcome> OpenInvestigation(ActionScope scope)
    {
        var grain = AnomalyOf(scope);
        if (await grain.Get() is not { Status: AnomalyStatus.Detected }) return new(true, 1, "not in detected: nothing to open");
        await grain.Investigate(scope.Actor, $"opened by {scope.Origin}");
        return new(true, 1, "investigating");
    }

    private async Task<ActionOutcome> ResolveAnomaly(ActionScope scope)
    {
        var grain = AnomalyOf(scope);
        if (await grain.Get() is not { IsOpen: true }) return new(true, 1, "already closed");
        await grain.Resolve(scope.Actor, AnomalyStatus.Resolved, $"resolved by {scope.Origin}");
        return new(true, 1, "resolved");
    }

    private IAnomalyGrain AnomalyOf(ActionScope scope) =>
        grains.GetGrain<IAnomalyGrain>(scope.Anomaly?.Id ?? throw new InvalidOperationException($"{scope.Origin} has no anomaly to act on"));

    private async Task<ActionOutcome> SnmpSet(SnmpSetValue[] set, ActionScope scope)
    {
        var values = new List<SnmpSetValue>();
        foreach (var value in set)
        {
            if (!scope.TryFill(value.Oid, out var oid, out var missing) || !scope.TryFill(value.Value, out var text, out missing))
                return new(false, 1, $"no value for {missing}");
            values.Add(value with { Oid = oid, Value = text });
        }

        var device = scope.DeviceId ?? throw new InvalidOperationException($"{scope.Origin} has no device to set");
        var result = await grains.GetGrain<IDeviceGrain>(device).SnmpSet([.. values]);
        return result.Succeeded
            ? new(true, 1, "set " + string.Join(", ", values.Select(v => $"{v.Oid}={v.Value}")))
            : new(false, 1, $"error status {result.ErrorStatus} at {result.ErrorIndex}");
    }

    private async Task<ActionOutcome> StartWorkflow(RuleAction action, ActionScope scope)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in action.Parameters ?? [])
        {
            if (!scope.TryFill(value, out var filled, out var missing)) return new(false, 1, $"no value for {missing}");
            parameters[name] = filled;
        }

        var input = new WorkflowInput(scope.Anomaly?.Id, scope.DeviceId, scope.Instance, parameters);
        var run = await grains.GetGrain<IWorkflowGrain>(action.Workflow!).Start(WorkflowRun.IdFor(scope.IdempotencyKey), input, scope.Actor);
        return new(true, 1, $"workflow {run.Workflow} run {run.Id}");
    }
}
