using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// Human review of automated changes: a rule action that changes a device (snmp_set, or run_workflow of a workflow
/// with an snmp_set step) on an anomaly whose confidence is below Automation:AutoActionConfidence does not run. It
/// becomes a workflow run of two steps, an approval (the Teams card, the console, POST .../workflow-runs/{run}/approve
/// or reject) and then the action itself, so approving runs it and rejecting or the timeout drops it. Notifications,
/// webhooks and the anomaly's own actions (investigate, resolve) are not held back.
/// </summary>
public sealed class HumanReview(IGrainFactory grains, IOptions<AutomationOptions> options, AuditTrail audit)
{
    public const string ReviewStep = "review", ActStep = "act";

    /// <summary>The review run holding the action, or null when the action may run now.</summary>
    public async Task<WorkflowRun?> HoldAsync(RuleAction action, ActionScope scope)
    {
        var threshold = options.Value.AutoActionConfidence;
        if (scope.Anomaly is not { } anomaly || anomaly.Confidence >= threshold || !await ChangesDeviceAsync(action)) return null;

        var review = options.Value.Review;
        var origin = scope.Origin;
        var definition = new WorkflowDefinition($"review:{origin}", $"{origin}: {Abstractions.SnakeCaseNames.Of(action.Type)} on anomaly {anomaly.Id} " +
            $"(confidence {anomaly.Confidence:0.####} below {threshold:0.####}) waits for a person", [
                new WorkflowStep(ReviewStep, WorkflowStepType.Approval, null, null, review.Approvers, review.Timeout, 0, TimeSpan.Zero, null, null),
                new WorkflowStep(ActStep, WorkflowStepType.Action, action, null, [], review.ActionTimeout, 0, TimeSpan.Zero, null, null),
            ], []);
        var input = new WorkflowInput(anomaly.Id, scope.DeviceId, scope.Instance, new Dictionary<string, string>(scope.Parameters, StringComparer.Ordinal));
        var run = await grains.GetGrain<IWorkflowRunGrain>(WorkflowRun.IdFor($"review:{scope.IdempotencyKey}")).Start(definition, input, scope.Actor);
        await grains.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).AddReview(run.Id);
        await audit.RecordAsync(scope.Actor, "rule", "review_requested", anomaly.Id,
            $"{Abstractions.SnakeCaseNames.Of(action.Type)} held for review in workflow run {run.Id}: confidence {anomaly.Confidence:0.####} below {threshold:0.####} (key {scope.IdempotencyKey})");
        return run;
    }

    private async Task<bool> ChangesDeviceAsync(RuleAction action) => action.Type switch
    {
        RuleActionType.SnmpSet => true,
        RuleActionType.RunWorkflow => await grains.GetGrain<IWorkflowGrain>(action.Workflow!).Get() is not { } workflow
                                      || workflow.Steps.Any(s => s.Action?.Type == RuleActionType.SnmpSet),
        _ => false,
    };
}
