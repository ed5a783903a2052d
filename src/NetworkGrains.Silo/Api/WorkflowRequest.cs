using NetworkGrains.Abstractions.Automation;

namespace NetworkGrains.Silo.Api;

public sealed record WorkflowCheckBody(CheckSource? Source, string? Target, string? Operator, string? Value);

public sealed record WorkflowStepBody(string? Name, WorkflowStepType? Type, RuleActionBody? Action, WorkflowCheckBody? Check, string[]? Approvers,
    string? Timeout, int? Retries, string? RetryDelay, string? Next, string? OnFailure);

/// <summary>A workflow as JSON, from the API or a file under config/workflows/ (durations like "30s", "4h").</summary>
public sealed record WorkflowBody(string? Id, string? Description, Dictionary<string, string>? Parameters, WorkflowStepBody[]? Steps);

/// <summary>Reads and checks a workflow definition, naming the field and the reason for everything it refuses.</summary>
public static class WorkflowRequest
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxSteps = 30;
    private static readonly string[] AnomalyFields = ["status", "severity", "category", "count", "score", "confidence"];

    public static bool TryParse(ReadOnlySpan<byte> json, out WorkflowDefinition workflow, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        workflow = null!;
        if (!ApiJson.TryDeserialize<WorkflowBody>(json, errors, "the body must be a JSON object", out var body)) return false;
        if (!ResourceNames.IsValid(body.Id)) errors.Add("id", ResourceNames.Rule);
        if (body.Parameters is { Count: > 32 }) errors.Add("parameters", "at most 32");
        if (body.Steps is not { Length: > 0 and <= MaxSteps })
        {
            errors.Add("steps", $"1 to {MaxSteps} steps");
            return false;
        }

        var names = body.Steps.Select(s => s?.Name).ToArray();
        var steps = new List<WorkflowStep>();
        for (var i = 0; i < body.Steps.Length; i++)
        {
            var field = $"steps[{i}]";
            if (body.Steps[i] is not { } step)
            {
                errors.Add(field, "a step object");
                continue;
            }

            if (!ResourceNames.IsValid(step.Name) || step.Name == WorkflowStep.End) errors.Add($"{field}.name", ResourceNames.Rule + ", not \"end\"");
            else if (Array.IndexOf(names, step.Name) != i) errors.Add($"{field}.name", $"'{step.Name}' is used by an earlier step");
            CheckTarget(step.Next, names, $"{field}.next", errors);
            CheckTarget(step.OnFailure, names, $"{field}.onFailure", errors);
            if (step.Retries is < 0 or > 10) errors.Add($"{field}.retries", "0 to 10");
            steps.Add(Step(step, field, errors));
        }

        if (errors.Any) return false;
        workflow = new WorkflowDefinition(body.Id!, body.Description ?? "", [.. steps], body.Parameters ?? []);
        return true;
    }

    private static WorkflowStep Step(WorkflowStepBody step, string field, ValidationErrors errors)
    {
        var timeout = step.Type switch
        {
            WorkflowStepType.Delay => RuleRequest.Duration(step.Timeout, $"{field}.timeout", errors),
            WorkflowStepType.Approval => RuleRequest.Duration(step.Timeout ?? "24h", $"{field}.timeout", errors),
            _ => RuleRequest.Duration(step.Timeout ?? "60s", $"{field}.timeout", errors),
        };
        var retryDelay = RuleRequest.Duration(step.RetryDelay ?? "10s", $"{field}.retryDelay", errors);
        switch (step.Type)
        {
            case null:
                errors.Add($"{field}.type", "required: action, condition, approval or delay");
                break;
            case WorkflowStepType.Action when step.Action is null:
                errors.Add($"{field}.action", "required for an action step");
                break;
            case WorkflowStepType.Action:
                ActionRequest.Check(step.Action, $"{field}.action", errors);
                break;
            case WorkflowStepType.Condition:
                CheckCheck(step.Check, $"{field}.check", errors);
                break;
            case WorkflowStepType.Approval when step.Approvers is not { Length: > 0 } || step.Approvers.Any(r => !ResourceNames.IsValid(r)):
                errors.Add($"{field}.approvers", "one or more role names, such as network_admin");
                break;
        }

        var check = step.Check is { } c ? new WorkflowCheck(c.Source ?? CheckSource.Anomaly, c.Target, c.Operator ?? "==", c.Value ?? "") : null;
        return new WorkflowStep(step.Name ?? "", step.Type ?? WorkflowStepType.Action,
            step.Type == WorkflowStepType.Action && step.Action?.Type is not null ? ActionRequest.ToAction(step.Action) : null,
            check, step.Approvers ?? [], timeout, step.Retries ?? 0, retryDelay, step.Next, step.OnFailure);
    }

    private static void CheckCheck(WorkflowCheckBody? check, string field, ValidationErrors errors)
    {
        if (check is null)
        {
            errors.Add(field, "required for a condition step: {source, target, operator, value}");
            return;
        }

        if (check.Source is null) errors.Add($"{field}.source", "required: snmp_get, metric, utilisation or anomaly");
        if (check.Operator is null || !WorkflowCheck.Operators.Contains(check.Operator)) errors.Add($"{field}.operator", "one of " + string.Join(" ", WorkflowCheck.Operators));
        if (check.Value is null) errors.Add($"{field}.value", "required");
        switch (check.Source)
        {
            case CheckSource.SnmpGet when ActionRequest.PlaceholderFree(check.Target) is not { } oid || oid.Split('.').Any(arc => arc.Length == 0 || !arc.All(char.IsAsciiDigit)):
                errors.Add($"{field}.target", "a numeric OID such as 1.3.6.1.2.1.2.2.1.7.{instance}");
                break;
            case CheckSource.Metric when string.IsNullOrWhiteSpace(check.Target):
                errors.Add($"{field}.target", "the metric's name, such as ifOperStatus");
                break;
            case CheckSource.Anomaly when !AnomalyFields.Contains(check.Target):
                errors.Add($"{field}.target", "one of " + string.Join(", ", AnomalyFields));
                break;
        }
    }

    private static void CheckTarget(string? target, string?[] names, string field, ValidationErrors errors)
    {
        if (target is not null && target != WorkflowStep.End && !names.Contains(target)) errors.Add(field, $"no step named '{target}' (or \"end\")");
    }
}

/// <summary>A workflow as the API shows it: actions without their secrets.</summary>
public sealed record WorkflowView(string Id, string Description, Dictionary<string, string> Parameters, WorkflowStepView[] Steps)
{
    public static WorkflowView From(WorkflowDefinition workflow) => new(workflow.Id, workflow.Description, workflow.Parameters,
        [.. workflow.Steps.Select(s => new WorkflowStepView(s.Name, s.Type, s.Action is null ? null : ActionRequest.View(s.Action), s.Check,
            s.Approvers, s.Timeout, s.Retries, s.RetryDelay, s.Next, s.OnFailure))]);
}

public sealed record WorkflowStepView(string Name, WorkflowStepType Type, RuleActionView? Action, WorkflowCheck? Check, string[] Approvers,
    TimeSpan Timeout, int Retries, TimeSpan RetryDelay, string? Next, string? OnFailure);
