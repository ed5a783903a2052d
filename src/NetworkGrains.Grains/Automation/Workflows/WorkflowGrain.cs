using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Automation.Workflows;

[GenerateSerializer, Alias("ng.workflow-state.v1")]
public sealed class WorkflowState
{
    [Id(0)] public WorkflowDefinition? Definition { get; set; }

    /// <summary>Run ids, oldest first (the newest <see cref="Limits.WorkflowRunsKept"/>).</summary>
    [Id(1)] public List<string> Runs { get; set; } = [];
}

/// <summary>A workflow's definition and its runs; each run is its own grain holding a copy of the definition it started with.</summary>
public sealed class WorkflowGrain([PersistentState("workflow", StorageNames.Operations)] IPersistentState<WorkflowState> state) : Grain, IWorkflowGrain
{

    private string Id => this.GetPrimaryKeyString();

    public async Task<bool> Define(WorkflowDefinition definition)
    {
        var created = state.State.Definition is null;
        state.State.Definition = definition with { Id = Id };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).AddWorkflow(Id);
        return created;
    }

    public Task<WorkflowDefinition?> Get() => Task.FromResult(state.State.Definition);

    public async Task<WorkflowRun> Start(string runId, WorkflowInput input, Actor actor)
    {
        var definition = state.State.Definition ?? throw new NotFoundProblem($"no workflow {Id}");
        var parameters = new Dictionary<string, string>(definition.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in input.Parameters) parameters[name] = value;
        var run = await GrainFactory.GetGrain<IWorkflowRunGrain>(runId).Start(definition, input with { Parameters = parameters }, actor);
        if (!state.State.Runs.Contains(runId))
        {
            state.State.Runs.Add(runId);
            if (state.State.Runs.Count > Limits.WorkflowRunsKept) state.State.Runs.RemoveRange(0, state.State.Runs.Count - Limits.WorkflowRunsKept);
            await state.WriteStateAsync();
        }

        return run;
    }

    public Task<string[]> Runs(int last) => Task.FromResult(state.State.Runs.AsEnumerable().Reverse().Take(last).ToArray());
}
