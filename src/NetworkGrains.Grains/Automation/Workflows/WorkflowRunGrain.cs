using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using Orleans.Runtime;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Automation.Workflows;

[GenerateSerializer, Alias("ng.workflow-run-state.v1")]
public sealed class WorkflowRunState
{
    [Id(0)] public WorkflowDefinition? Definition { get; set; }
    [Id(1)] public WorkflowRun? Run { get; set; }

    /// <summary>The current action attempt was started and not yet recorded: after a crash it runs again, with the same key.</summary>
    [Id(2)] public bool ActionInProgress { get; set; }

    /// <summary>The timeline's length when the current step was entered: with the step's name, its idempotency key.</summary>
    [Id(3)] public int StepEntry { get; set; }
}

/// <summary>
/// One workflow run. Every step's start and outcome are written before the run goes on, so a silo failure loses
/// nothing: the next activation (a reminder brings it back within a minute, or any call) picks up at the current
/// step, and an action that was cut off runs again under its idempotency key. Waits (delays, retry back-off, the
/// approval timeout) are a grain timer while active, and the reminder after a failure.
/// </summary>
public sealed partial class WorkflowRunGrain(
    [PersistentState("workflow-run", StorageNames.Operations)] IPersistentState<WorkflowRunState> state,
    ActionRunner actions,
    WorkflowChecks checks,
    TimeProvider clock,
    ILogger<WorkflowRunGrain> logger)
    : Grain, IWorkflowRunGrain, IRemindable
{
    public const int MaxSteps = 100;
    private const string ResumeReminder = "resume";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1);
    private IGrainTimer? _timer;

    private string Id => this.GetPrimaryKeyString();

    private WorkflowRun Run => state.State.Run ?? throw new NotFoundProblem($"no workflow run {Id}");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Run is { IsFinished: false }) Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<WorkflowRun> Start(WorkflowDefinition definition, WorkflowInput input, Actor actor)
    {
        if (state.State.Run is { } existing) return existing;
        if (definition.Steps.Length == 0) throw new CorruptDefinitionProblem($"workflow {definition.Id} has no steps");
        state.State.Definition = definition;
        state.State.Run = new WorkflowRun(Id, definition.Id, WorkflowRunStatus.Running, definition.Steps[0].Name, 1, null, input, [], actor.Id,
            clock.GetUtcNow(), null);
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        Schedule(TimeSpan.Zero);
        return Run;
    }

    public Task<WorkflowRun?> Get() => Task.FromResult(state.State.Run);

    public async Task<WorkflowRun> Decide(Actor actor, bool approve, string? comment)
    {
        var run = Run;
        if (run.Status != WorkflowRunStatus.WaitingForApproval) throw new ConflictProblem($"run {Id} is {run.Status}, not waiting for an approval");
        var step = Step(run.CurrentStep!);
        if (!actor.HasAnyRole([.. step.Approvers, RoleNames.Admin]))
            throw new ForbiddenProblem($"approving {step.Name} needs one of the roles {string.Join(", ", step.Approvers)}");
        var detail = (approve ? "approved" : "rejected") + (string.IsNullOrWhiteSpace(comment) ? "" : $": {comment}");
        Record(step, approve, detail, actor.Id);
        if (approve) GoOn(step);
        else Fail(step, WorkflowRunStatus.Rejected);
        await Save();
        Schedule(TimeSpan.Zero);
        return Run;
    }

    public async Task<WorkflowRun> Cancel(Actor actor, string? reason)
    {
        if (Run.IsFinished) return Run;
        state.State.Run = Run with
        {
            Status = WorkflowRunStatus.Cancelled,
            EndedAt = clock.GetUtcNow(),
            Timeline = [.. Run.Timeline, new WorkflowStepRecord(Run.CurrentStep ?? "", Run.Attempt, false, clock.GetUtcNow(), $"cancelled: {reason}", actor.Id)],
        };
        await Save();
        return Run;
    }

    /// <summary>
    /// Every minute while unfinished: the run goes on from its saved step (safe at any time: waits are saved as
    /// times), so that a step whose timer failed does not leave it stuck.
    /// </summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Run is { IsFinished: true } or null) return StopReminder();
        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(Advance, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan));
    }

    /// <summary>Runs steps until the run finishes or waits (for a time, or for a decision).</summary>
    private async Task Advance(CancellationToken cancellationToken)
    {
        while (state.State.Run is { Status: WorkflowRunStatus.Running or WorkflowRunStatus.WaitingForApproval } run)
        {
            if (run is { Status: WorkflowRunStatus.WaitingForApproval, WaitUntil: null }) return; // until someone decides
            var now = clock.GetUtcNow();
            if (run.WaitUntil is { } until && until > now)
            {
                Schedule(until - now);
                return;
            }

            if (run.Timeline.Length >= MaxSteps)
            {
                Finish(WorkflowRunStatus.Failed, $"stopped after {MaxSteps} steps (a loop?)");
                await Save();
                return;
            }

            var step = Step(run.CurrentStep!);
            await Take(step, run, now);
            await Save();
        }
    }

    private async Task Take(WorkflowStep step, WorkflowRun run, DateTimeOffset now)
    {
        switch (step.Type)
        {
            case WorkflowStepType.Approval when run.Status == WorkflowRunStatus.WaitingForApproval:
                Record(step, false, $"no decision within {step.Timeout}", null);
                Fail(step, WorkflowRunStatus.Rejected);
                break;
            case WorkflowStepType.Approval:
                state.State.Run = run with { Status = WorkflowRunStatus.WaitingForApproval, WaitUntil = step.Timeout > TimeSpan.Zero ? now + step.Timeout : null };
                LogWaiting(Id, step.Name, string.Join(", ", step.Approvers));
                AskInTeams(state.State.Run);
                break;
            case WorkflowStepType.Delay when run.WaitUntil is null:
                state.State.Run = run with { WaitUntil = now + step.Timeout };
                break;
            case WorkflowStepType.Delay:
                Record(step, true, $"waited {step.Timeout}", null);
                GoOn(step);
                break;
            default:
                await Attempt(step, run);
                break;
        }
    }

    /// <summary>
    /// One attempt at an action or a check; a failure is retried after the step's delay, then takes the failure
    /// path. A check that cannot be read (no data) ends the run failed rather than taking the "false" path.
    /// </summary>
    private async Task Attempt(WorkflowStep step, WorkflowRun run)
    {
        var scope = await Scope(step);
        bool? passed;
        string detail;
        if (step.Type == WorkflowStepType.Action)
        {
            if (state.State.ActionInProgress) Record(step, false, "interrupted before its outcome was recorded: running it again with the same key", null);
            state.State.ActionInProgress = true;
            await Save();
            using var timeout = new CancellationTokenSource(step.Timeout > TimeSpan.Zero ? step.Timeout : Timeout.InfiniteTimeSpan);
            var outcome = await actions.RunAsync(step.Action!, scope, timeout.Token);
            (passed, detail) = (outcome.Succeeded, outcome.Detail);
            state.State.ActionInProgress = false;
        }
        else
        {
            (passed, detail) = await checks.EvaluateAsync(step.Check!, scope);
        }

        Record(step, passed == true, detail, null);
        if (passed == true) GoOn(step);
        else if (run.Attempt <= step.Retries) state.State.Run = Run with { Attempt = run.Attempt + 1, WaitUntil = clock.GetUtcNow() + step.RetryDelay };
        else if (passed is null) Finish(WorkflowRunStatus.Failed, $"{step.Name} could not be evaluated: {detail}");
        else Fail(step, WorkflowRunStatus.Failed);
    }

    private async Task<ActionScope> Scope(WorkflowStep step)
    {
        var input = Run.Input;
        var anomaly = input.AnomalyId is null ? null : await GrainFactory.GetGrain<IAnomalyGrain>(input.AnomalyId).Get();
        return new ActionScope($"{Id}:{step.Name}:{state.State.StepEntry}", $"workflow:{Run.Workflow}:{Id}", new Actor($"workflow:{Run.Workflow}", [RoleNames.IncidentResponder]),
            anomaly, null, input.DeviceId ?? anomaly?.DeviceId, input.Instance ?? anomaly?.Instance, input.Parameters);
    }

    /// <summary>The approval card goes to Teams in the background: the run does not wait for it, nor fail with it.</summary>
    private void AskInTeams(WorkflowRun run)
    {
        try
        {
            GrainFactory.GetGrain<ChatOps.IChatNotifierGrain>(ChatOps.IChatNotifierGrain.Key).ApprovalRequested(run).Ignore();
        }
        catch (Exception ex)
        {
            LogNotAsked(ex, run.Id);
        }
    }

    private void GoOn(WorkflowStep step) => GoTo(step.Next ?? Following(step), WorkflowRunStatus.Succeeded, "done");

    private void Fail(WorkflowStep step, WorkflowRunStatus status)
    {
        if (step.OnFailure is { } target) GoTo(target, WorkflowRunStatus.Succeeded, $"{step.Name} failed, then ended");
        else Finish(status, $"{step.Name} {(status == WorkflowRunStatus.Rejected ? "rejected" : "failed")}");
    }

    private void GoTo(string? target, WorkflowRunStatus endStatus, string endDetail)
    {
        if (target is null or WorkflowStep.End)
        {
            Finish(endStatus, endDetail);
            return;
        }

        state.State.StepEntry = Run.Timeline.Length;
        state.State.Run = Run with { Status = WorkflowRunStatus.Running, CurrentStep = target, Attempt = 1, WaitUntil = null };
    }

    private void Finish(WorkflowRunStatus status, string detail)
    {
        state.State.Run = Run with { Status = status, WaitUntil = null, EndedAt = clock.GetUtcNow() };
        LogFinished(Id, Run.Workflow, status, detail);
    }

    private string? Following(WorkflowStep step)
    {
        var steps = state.State.Definition!.Steps;
        var index = Array.IndexOf(steps, step);
        return index + 1 < steps.Length ? steps[index + 1].Name : null;
    }

    private WorkflowStep Step(string name) =>
        state.State.Definition!.Steps.FirstOrDefault(s => s.Name == name) ?? throw new CorruptDefinitionProblem($"workflow {Run.Workflow} has no step {name}");

    private void Record(WorkflowStep step, bool succeeded, string detail, string? by) =>
        state.State.Run = Run with { Timeline = [.. Run.Timeline, new WorkflowStepRecord(step.Name, Run.Attempt, succeeded, clock.GetUtcNow(), detail, by)] };

    private async Task Save()
    {
        await state.WriteStateAsync();
        if (Run.IsFinished) await StopReminder();
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow run {RunId} waits at {Step} for an approval by {Roles}")]
    private partial void LogWaiting(string runId, string step, string roles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow run {RunId}: the approval card could not be sent to Teams")]
    private partial void LogNotAsked(Exception ex, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow run {RunId} ({Workflow}) ended {Status}: {Detail}")]
    private partial void LogFinished(string runId, string workflow, WorkflowRunStatus status, string detail);
}
