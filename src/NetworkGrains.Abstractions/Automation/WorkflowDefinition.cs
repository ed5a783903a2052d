namespace NetworkGrains.Abstractions.Automation;

/// <summary>
/// A workflow (StackStorm's Orquesta in small): steps run in order, each may jump to a named step on success
/// (<see cref="WorkflowStep.Next"/>) or on failure, a false check, a rejection or a timeout (<see cref="WorkflowStep.OnFailure"/>).
/// <see cref="Parameters"/> are the defaults a run may override; steps refer to them as {name}.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-definition.v1")]
public sealed record WorkflowDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Description,
    [property: Id(2)] WorkflowStep[] Steps,
    [property: Id(3)] Dictionary<string, string> Parameters);

[GenerateSerializer, Alias("ng.workflow-step-type.v1")]
public enum WorkflowStepType
{
    Action,
    Condition,
    Approval,
    Delay,
}

/// <summary>
/// One step. An action runs <see cref="Action"/> (up to 1 + <see cref="Retries"/> attempts, <see cref="RetryDelay"/>
/// apart, each cut at <see cref="Timeout"/>); a condition evaluates <see cref="Check"/> (retried the same way while
/// false, as a verification waits for the device); an approval waits up to <see cref="Timeout"/> for a decision by
/// one of the <see cref="Approvers"/> roles; a delay waits <see cref="Timeout"/>. "end" as a target ends the run.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-step.v1")]
public sealed record WorkflowStep(
    [property: Id(0)] string Name,
    [property: Id(1)] WorkflowStepType Type,
    [property: Id(2)] RuleAction? Action,
    [property: Id(3)] WorkflowCheck? Check,
    [property: Id(4)] string[] Approvers,
    [property: Id(5)] TimeSpan Timeout,
    [property: Id(6)] int Retries,
    [property: Id(7)] TimeSpan RetryDelay,
    [property: Id(8)] string? Next,
    [property: Id(9)] string? OnFailure)
{
    public const string End = "end";
}

[GenerateSerializer, Alias("ng.workflow-check-source.v1")]
public enum CheckSource
{
    /// <summary>An SNMP GET of the OID <see cref="WorkflowCheck.Target"/> on the device.</summary>
    SnmpGet,

    /// <summary>The latest value of the device's metric <see cref="WorkflowCheck.Target"/> for the run's instance.</summary>
    Metric,

    /// <summary>The interface's utilisation in percent: max(in, out) octet rate against ifHighSpeed.</summary>
    Utilisation,

    /// <summary>A field of the run's anomaly: status, severity, category, count, score.</summary>
    Anomaly,
}

/// <summary>A comparison: the value read from <see cref="Source"/> <see cref="Operator"/> <see cref="Value"/> (numbers compare as numbers).</summary>
[GenerateSerializer, Immutable, Alias("ng.workflow-check.v1")]
public sealed record WorkflowCheck(
    [property: Id(0)] CheckSource Source,
    [property: Id(1)] string? Target,
    [property: Id(2)] string Operator,
    [property: Id(3)] string Value)
{
    public static readonly string[] Operators = ["==", "!=", ">", ">=", "<", "<="];
}
