using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>
/// Workflow runs as people drive them (REST, the console, Teams commands and card clicks): start one, approve or
/// reject the step it waits on, or cancel it.
/// </summary>
public sealed class WorkflowRunCommands(IGrainFactory grains)
{
    public const int MaxComment = 1000;
    public const int MaxInstance = 64;
    public const int MaxParameters = 32;

    /// <summary>
    /// Starts a run of <paramref name="workflowId"/> on what <paramref name="input"/> names (each must exist): under
    /// <paramref name="runId"/> when given, so a retried start finds its run instead of starting another, else under a new id.
    /// </summary>
    public async Task<WorkflowRun> Start(Actor actor, string workflowId, WorkflowInput input, string? runId = null)
    {
        var errors = new ValidationErrors();
        if (input.AnomalyId is not null && !ResourceNames.IsValid(input.AnomalyId)) errors.Add("anomalyId", ResourceNames.Rule);
        if (input.DeviceId is not null && !ResourceNames.IsValid(input.DeviceId)) errors.Add("deviceId", ResourceNames.Rule);
        if (runId is not null && !ResourceNames.IsValid(runId)) errors.Add("runId", ResourceNames.Rule);
        if (input.Instance is { Length: > MaxInstance }) errors.Add("instance", $"at most {MaxInstance} characters");
        if (input.Parameters.Count > MaxParameters) errors.Add("parameters", $"at most {MaxParameters}");
        errors.ThrowIfAny();
        var workflow = grains.GetGrain<IWorkflowGrain>(workflowId);
        if ((ResourceNames.IsValid(workflowId) ? await workflow.Get() : null) is null) throw new NotFoundProblem($"no workflow {workflowId}");
        if (input.AnomalyId is not null && await grains.GetGrain<IAnomalyGrain>(input.AnomalyId).Get() is null) throw new NotFoundProblem($"no anomaly {input.AnomalyId}");
        if (input.DeviceId is not null && await grains.GetGrain<IDeviceGrain>(input.DeviceId).GetRecord() is null) throw new NotFoundProblem($"no device {input.DeviceId}");
        return await workflow.Start(runId ?? WorkflowRun.NewId(), input, actor);
    }

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
