using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>What automation holds, as REST lists it and the console shows it: rules, workflows and their newest runs, silences.</summary>
public sealed class AutomationReads(IGrainFactory grains)
{
    public async Task<RuleDefinition[]> Rules()
    {
        var ids = await Catalog().Rules();
        return [.. (await Task.WhenAll(ids.Select(id => grains.GetGrain<IRuleGrain>(id).Get()))).OfType<RuleDefinition>()];
    }

    public async Task<WorkflowDefinition[]> Workflows()
    {
        var ids = await Catalog().Workflows();
        return [.. (await Task.WhenAll(ids.Select(id => grains.GetGrain<IWorkflowGrain>(id).Get()))).OfType<WorkflowDefinition>()];
    }

    /// <summary>The workflow's newest <paramref name="last"/> runs, newest first.</summary>
    public async Task<WorkflowRun[]> Runs(string workflowId, int last)
    {
        await Workflow(workflowId);
        return await RunsOf(await grains.GetGrain<IWorkflowGrain>(workflowId).Runs(last));
    }

    /// <summary>The newest <paramref name="last"/> runs holding a rule change for a person's review, newest first.</summary>
    public async Task<WorkflowRun[]> Reviews(int last) => await RunsOf(await Catalog().Reviews(last));

    public async Task<RuleExecution[]> History(string ruleId, int last)
    {
        await Rule(ruleId);
        return await grains.GetGrain<IRuleGrain>(ruleId).History(last);
    }

    public Task<Silence[]> Silences() => Catalog().Silences();

    public async Task<RuleDefinition> Rule(string id) =>
        (ResourceNames.IsValid(id) ? await grains.GetGrain<IRuleGrain>(id).Get() : null) ?? throw new NotFoundProblem($"no rule {id}");

    public async Task<WorkflowDefinition> Workflow(string id) =>
        (ResourceNames.IsValid(id) ? await grains.GetGrain<IWorkflowGrain>(id).Get() : null) ?? throw new NotFoundProblem($"no workflow {id}");

    private async Task<WorkflowRun[]> RunsOf(string[] runIds) =>
        [.. (await Task.WhenAll(runIds.Select(r => grains.GetGrain<IWorkflowRunGrain>(r).Get()))).OfType<WorkflowRun>()];

    private IAutomationCatalogGrain Catalog() => grains.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key);
}
