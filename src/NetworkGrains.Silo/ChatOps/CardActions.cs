using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>
/// The buttons of the bot's cards: acknowledge / investigate an anomaly (-> investigating), auto-remediate (starts
/// incident-response for it), approve / reject a waiting workflow. Each changes the grain's state as the clicking
/// user (recorded in the anomaly's or the run's timeline, and in the log), and answers with the card as it is now.
/// </summary>
public sealed partial class CardActions(AnomalyCommands anomalies, WorkflowRunCommands runs, AuditTrail audit, ResourceStates states, ILogger<CardActions> logger)
{
    public const string RemediationWorkflow = "incident-response";

    public async Task<JsonObject> HandleAsync(string? verb, JsonElement? data, Actor actor)
    {
        var anomalyId = BotActivity.StringProperty(data, "anomalyId");
        var runId = BotActivity.StringProperty(data, "runId");
        var resource = ResourceNames.IsValid(anomalyId) ? $"/api/v1/anomalies/{anomalyId}"
            : ResourceNames.IsValid(runId) ? $"/api/v1/automation/workflow-runs/{runId}" : null;
        try
        {
            var before = await states.ReadAsync(resource);
            var card = verb switch
            {
                ChatCards.Acknowledge or ChatCards.Investigate when ResourceNames.IsValid(anomalyId) => await Investigate(anomalyId!, actor, verb),
                ChatCards.Remediate when ResourceNames.IsValid(anomalyId) => await Remediate(anomalyId!, actor),
                ChatCards.Approve or ChatCards.Reject when ResourceNames.IsValid(runId) => await Decide(runId!, actor, verb == ChatCards.Approve),
                _ => ChatCards.Notice("Unknown action", $"The card asked for \"{verb}\", which this bot does not do.", "Warning"),
            };
            var after = await states.ReadAsync(resource);
            await audit.RecordAsync(actor, "chatops", $"card {verb}", anomalyId ?? runId ?? "-", Outcome(card), change: AuditChange.Between(before, after));
            return card;
        }
        catch (DomainProblem ex)
        {
            return ChatCards.Notice("That did not work", ex.Message, "Warning");
        }
    }

    private async Task<JsonObject> Investigate(string anomalyId, Actor actor, string verb)
    {
        var anomaly = await anomalies.Existing(anomalyId);
        if (!Permissions.Allows(actor.Roles, Permissions.AnomalyWrite)) return ChatCards.Anomaly(anomaly, Refused(actor, Permissions.AnomalyWrite));
        if (anomaly.Status != AnomalyStatus.Detected) return ChatCards.Anomaly(anomaly, $"Already {anomaly.Status.ToString().ToLowerInvariant()}.");
        var updated = await anomalies.Investigate(actor, anomalyId, verb == ChatCards.Acknowledge ? "acknowledged in Teams" : "investigating from Teams");
        LogAction(verb, actor.Id, anomalyId);
        return ChatCards.Anomaly(updated, $"{(verb == ChatCards.Acknowledge ? "Acknowledged" : "Investigation opened")} by {actor.Id}.");
    }

    private async Task<JsonObject> Remediate(string anomalyId, Actor actor)
    {
        var anomaly = await anomalies.Existing(anomalyId);
        if (!Permissions.Allows(actor.Roles, Permissions.WorkflowRun)) return ChatCards.Anomaly(anomaly, Refused(actor, Permissions.WorkflowRun));
        // One run per anomaly: a second click finds the first run instead of starting another.
        var run = await runs.Start(actor, RemediationWorkflow, new WorkflowInput(anomalyId, null, null, []), WorkflowRun.IdFor($"remediate:{anomalyId}"));
        LogAction(ChatCards.Remediate, actor.Id, anomalyId);
        return ChatCards.Anomaly(anomaly, $"{RemediationWorkflow} run {run.Id} started by {run.StartedBy}; it asks for an approval before it changes anything.");
    }

    private async Task<JsonObject> Decide(string runId, Actor actor, bool approve)
    {
        var run = await runs.Existing(runId);
        if (run.Status != WorkflowRunStatus.WaitingForApproval) return ChatCards.Approval(run);
        if (!Permissions.Allows(actor.Roles, Permissions.WorkflowApprove)) return WithNote(ChatCards.Approval(run), Refused(actor, Permissions.WorkflowApprove));
        try
        {
            var decided = await runs.Decide(actor, runId, approve, approve ? "approved in Teams" : "rejected in Teams");
            LogAction(approve ? ChatCards.Approve : ChatCards.Reject, actor.Id, runId);
            return ChatCards.Approval(decided);
        }
        catch (ForbiddenProblem ex)
        {
            return WithNote(ChatCards.Approval(run), $"Not allowed: {ex.Message}.");
        }
    }

    private static JsonObject WithNote(JsonObject card, string note)
    {
        ((JsonArray)card["body"]!).Add(Grains.Automation.TeamsCards.Text(note, color: "Warning"));
        return card;
    }

    private static string Refused(Actor actor, string permission) =>
        $"Not allowed: that needs one of the roles {string.Join(", ", Permissions.RolesWith(permission))}; {actor.Id} has {string.Join(", ", actor.Roles)}.";

    /// <summary>What the refreshed card says happened: its last line (the note), for the audit trail.</summary>
    private static string Outcome(JsonObject card) => ((JsonArray?)card["body"])?.LastOrDefault(n => n?["text"] is not null)?["text"]?.GetValue<string>() ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams card action {Verb} by {User} on {Target}")]
    private partial void LogAction(string verb, string user, string target);
}
