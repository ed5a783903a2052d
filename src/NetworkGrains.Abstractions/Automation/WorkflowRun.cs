using System.Security.Cryptography;
using System.Text;
using Orleans.Concurrency;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Abstractions.Automation;

[GenerateSerializer, Alias("ng.workflow-run-status.v1")]
public enum WorkflowRunStatus
{
    Running,
    WaitingForApproval,
    Succeeded,
    Failed,
    Rejected,
    Cancelled,
}

/// <summary>What a run acts on: the anomaly (if any), its device and instance, and the parameters after defaults.</summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-input.v1")]
public sealed record WorkflowInput(
    [property: Id(0)] string? AnomalyId,
    [property: Id(1)] string? DeviceId,
    [property: Id(2)] string? Instance,
    [property: Id(3)] Dictionary<string, string> Parameters);

/// <summary>One finished attempt at a step (or a decision on it), for the run's timeline.</summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-step-record.v1")]
public sealed record WorkflowStepRecord(
    [property: Id(0)] string Step,
    [property: Id(1)] int Attempt,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Detail,
    [property: Id(5)] string? By);

/// <summary>A workflow run: where it is, what it waits for, and everything it did.</summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-run.v1")]
public sealed record WorkflowRun(
    [property: Id(0)] string Id,
    [property: Id(1)] string Workflow,
    [property: Id(2)] WorkflowRunStatus Status,
    [property: Id(3)] string? CurrentStep,
    [property: Id(4)] int Attempt,
    [property: Id(5)] DateTimeOffset? WaitUntil,
    [property: Id(6)] WorkflowInput Input,
    [property: Id(7)] WorkflowStepRecord[] Timeline,
    [property: Id(8)] string StartedBy,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? EndedAt)
{
    public bool IsFinished => Status is WorkflowRunStatus.Succeeded or WorkflowRunStatus.Failed or WorkflowRunStatus.Rejected or WorkflowRunStatus.Cancelled;

    /// <summary>A new run's id ("run-" and 20 hex digits), for a start that brings none of its own.</summary>
    public static string NewId() => "run-" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The run id for <paramref name="idempotencyKey"/>: the same key finds the same run, so a retried start does not start another.</summary>
    public static string IdFor(string idempotencyKey) =>
        "run-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..20];
}

/// <summary>A workflow definition, keyed by its id: define it, start runs, list them.</summary>
[Alias("ng.workflow")]
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the workflow (runs already started keep the definition they started with); false when it existed.</summary>
    [Alias("define")]
    Task<bool> Define(WorkflowDefinition definition);

    [Alias("get")]
    Task<WorkflowDefinition?> Get();

    /// <summary>Starts a run with this id (the same id twice starts it once: a retried start is harmless).</summary>
    [Alias("start")]
    Task<WorkflowRun> Start(string runId, WorkflowInput input, Actor actor);

    /// <summary>The newest run ids (at most 200 are kept), newest first.</summary>
    [Alias("runs")]
    Task<string[]> Runs(int last);
}

/// <summary>One run of a workflow, keyed by the run id: its progress is durable and resumes after a silo failure.</summary>
[Alias("ng.workflow-run")]
public interface IWorkflowRunGrain : IGrainWithStringKey
{
    [Alias("start")]
    Task<WorkflowRun> Start(WorkflowDefinition definition, WorkflowInput input, Actor actor);

    /// <summary>The run as it is, also while a step is running.</summary>
    [Alias("get"), AlwaysInterleave]
    Task<WorkflowRun?> Get();

    /// <summary>Approves or rejects the step the run waits on; the actor needs one of the step's approver roles (or admin).</summary>
    [Alias("decide")]
    Task<WorkflowRun> Decide(Actor actor, bool approve, string? comment);

    [Alias("cancel")]
    Task<WorkflowRun> Cancel(Actor actor, string? reason);
}
