namespace NetworkGrains.Abstractions.Automation;

[GenerateSerializer, Alias("ng.execution-outcome.v1")]
public enum ExecutionOutcome
{
    Pending,
    Succeeded,
    Failed,
    DryRun,
    Silenced,
    CoolingDown,

    /// <summary>A change below Automation:AutoActionConfidence: a workflow run waits for a person's approval (its id is in the detail).</summary>
    HeldForReview,
}

/// <summary>One action a rule took (or would have, or did not because of a silence or its cooldown) for one anomaly event.</summary>
[GenerateSerializer, Immutable, Alias("ng.rule-execution.v1")]
public sealed record RuleExecution(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string AnomalyId,
    [property: Id(2)] RuleActionType Action,
    [property: Id(3)] ExecutionOutcome Outcome,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string? Detail);
