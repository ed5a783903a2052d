using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.Ui.Views;

public sealed record RuleWithHistory(RuleDefinition Rule, RuleExecution[] Executions);

public sealed record WorkflowWithRuns(WorkflowDefinition Workflow, WorkflowRun[] Runs);

/// <summary>
/// The automation page: device changes held for a person's review (newest first), rules with their newest executions,
/// silences, workflows with their newest runs (waiting ones first).
/// </summary>
public sealed record AutomationOverview(WorkflowRun[] Reviews, RuleWithHistory[] Rules, Silence[] Silences, WorkflowWithRuns[] Workflows)
{
    public const int Executions = 10;
    public const int Runs = 10;

    public static async Task<AutomationOverview> LoadAsync(AutomationReads automation)
    {
        var rules = automation.Rules();
        var workflows = automation.Workflows();
        var silences = automation.Silences();
        var reviews = automation.Reviews(Runs);
        var withHistory = await Task.WhenAll((await rules).Select(async r => new RuleWithHistory(r, await automation.History(r.Id, Executions))));
        var withRuns = await Task.WhenAll((await workflows).Select(async w => new WorkflowWithRuns(w,
            [.. (await automation.Runs(w.Id, Runs)).OrderByDescending(r => r.Status == WorkflowRunStatus.WaitingForApproval).ThenByDescending(r => r.StartedAt)])));
        return new AutomationOverview(await reviews, withHistory, await silences, withRuns);
    }
}
