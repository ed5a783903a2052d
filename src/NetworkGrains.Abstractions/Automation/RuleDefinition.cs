using NetworkGrains.Abstractions.Anomalies;

namespace NetworkGrains.Abstractions.Automation;

/// <summary>
/// An automation rule: which anomaly events trigger it, an optional count condition and expressions that must all
/// hold (<see cref="Where"/>), the actions, a cooldown per anomaly series, and dry-run (actions are recorded, not run).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.rule-definition.v1")]
public sealed record RuleDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Description,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] RuleTrigger Trigger,
    [property: Id(4)] RuleAction[] Actions,
    [property: Id(5)] TimeSpan Cooldown,
    [property: Id(6)] bool DryRun,
    [property: Id(7)] RuleCondition? Condition,
    [property: Id(8)] RuleExpression[]? Where = null);

/// <summary>
/// Which events: kinds (default opened), categories (any if empty), at least this severity, devices, metric, and the
/// device's site, role or tags (any listed; a device with none of them does not match).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.rule-trigger.v1")]
public sealed record RuleTrigger(
    [property: Id(0)] AnomalyEventKind[] Events,
    [property: Id(1)] AnomalyCategory[] Categories,
    [property: Id(2)] AnomalySeverity MinSeverity,
    [property: Id(3)] string[] Devices,
    [property: Id(4)] string? Metric,
    [property: Id(5)] string[]? Sites = null,
    [property: Id(6)] string[]? Roles = null,
    [property: Id(7)] string[]? Tags = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsDevice => Sites is { Length: > 0 } || Roles is { Length: > 0 } || Tags is { Length: > 0 };
}

/// <summary>
/// One expression over the anomaly and its device, such as anomaly.score &gt;= 0.9999 or device.role == core:
/// <see cref="Field"/> is one of <see cref="Fields"/>, numbers compare as numbers, severities by rank, and
/// "contains" looks in the device's tags.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.rule-expression.v1")]
public sealed record RuleExpression([property: Id(0)] string Field, [property: Id(1)] string Operator, [property: Id(2)] string Value)
{
    public static readonly string[] Fields =
    [
        "anomaly.category", "anomaly.severity", "anomaly.score", "anomaly.confidence", "anomaly.count", "anomaly.peak", "anomaly.metric",
        "anomaly.instance", "device.site", "device.role", "device.vendor", "device.model", "device.tags",
    ];

    public static readonly string[] Operators = ["==", "!=", ">", ">=", "<", "<=", "contains"];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool NeedsDevice => Field.StartsWith("device.", StringComparison.Ordinal);
}

/// <summary>Fire only when at least <see cref="Count"/> matching events arrived within <see cref="Window"/> (e.g. 3 in 10 minutes).</summary>
[GenerateSerializer, Immutable, Alias("ng.rule-condition.v1")]
public sealed record RuleCondition([property: Id(0)] int Count, [property: Id(1)] TimeSpan Window);

[GenerateSerializer, Alias("ng.rule-action-type.v1")]
public enum RuleActionType
{
    Webhook,
    OpenInvestigation,
    SnmpSet,
    TeamsNotify,
    RunWorkflow,
    ResolveAnomaly,
}

/// <summary>
/// One action, for a rule or a workflow step. A webhook POSTs the event as JSON to <see cref="Url"/>, signed with
/// HMAC-SHA256 of the body under <see cref="Secret"/> (header X-NG-Signature: sha256=hex) and carrying an
/// Idempotency-Key; the secret is never returned. An SNMP SET sets <see cref="Set"/> on the device with its polling
/// credential. teams_notify posts an Adaptive Card (with <see cref="Text"/> as its title) to the Teams incoming
/// webhook at <see cref="Url"/>. run_workflow starts <see cref="Workflow"/> with <see cref="Parameters"/> for the
/// anomaly. Placeholders such as {instance}, {device}, {anomaly} and workflow parameters are filled in when it runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.rule-action.v1")]
public sealed record RuleAction(
    [property: Id(0)] RuleActionType Type,
    [property: Id(1)] string? Url,
    [property: Id(2)] string? Secret,
    [property: Id(3)] Devices.SnmpSetValue[]? Set = null,
    [property: Id(4)] string? Workflow = null,
    [property: Id(5)] Dictionary<string, string>? Parameters = null,
    [property: Id(6)] string? Text = null);
