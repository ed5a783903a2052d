using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>People's decisions on a workflow run (REST, the console): approve or reject the step it waits on, or cancel it.</summary>
public sealed class WorkflowRunCommands(IGrainFactory grains)
{
    public const int MaxComment = 1000;

    public async Task<WorkflowRun> Decide(Actor actor, string runId, bool approve, string? comment)
    {
        if (comment is { Length: > MaxComment }) throw InvalidInputProblem.Single("comment", $"at most {MaxComment} characters");
        await Existing(runId);
        return await grains.GetGrain<IWorkflowRunGrain>(runId).Decide(actor, approve, comment);
    }

    public async Task<WorkflowRun> Cancel(Actor actor, string runId, string? comment)
    {
        await Existing(runId);
        return await grains.GetGrain<IWorkflowRunGrain>(runId).Cancel(actor, comment);
    }

    public async Task<WorkflowRun> Existing(string runId) =>
        (ResourceNames.IsValid(runId) ? await grains.GetGrain<IWorkflowRunGrain>(runId).Get() : null) ?? throw new NotFoundProblem($"no workflow run {runId}");
}
