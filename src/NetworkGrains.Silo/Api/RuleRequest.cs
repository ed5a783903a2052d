using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;

namespace NetworkGrains.Silo.Api;

public sealed record RuleTriggerBody(AnomalyEventKind[]? Events, AnomalyCategory[]? Categories, AnomalySeverity? MinSeverity, string[]? Devices, string? Metric,
    string[]? Sites, string[]? Roles, string[]? Tags);

public sealed record RuleExpressionBody(string? Field, string? Operator, string? Value);

public sealed record RuleConditionBody(int? Count, string? Window);

/// <summary>A rule as JSON, from the API or a file under config/rules/ (durations like "15m", "2h").</summary>
public sealed record RuleBody(string? Id, string? Description, bool? Enabled, RuleTriggerBody? Trigger, RuleConditionBody? Condition,
    RuleActionBody[]? Actions, string? Cooldown, bool? DryRun, RuleExpressionBody[]? Where);

/// <summary>Reads and checks a rule definition, naming the field and the reason for everything it refuses.</summary>
public static class RuleRequest
{
    public const int MaxBodyBytes = 32 * 1024;

    public static bool TryParse(ReadOnlySpan<byte> json, string? id, out RuleDefinition rule, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        rule = null!;
        if (!ApiJson.TryDeserialize<RuleBody>(json, errors, "the body must be a JSON object", out var body)) return false;

        var ruleId = id ?? body.Id;
        if (!ResourceNames.IsValid(ruleId)) errors.Add("id", ResourceNames.Rule);
        if (id is not null && body.Id is not null && body.Id != id) errors.Add("id", "differs from the id in the path");
        if (body.Trigger is null) errors.Add("trigger", "required");
        if (body.Actions is not { Length: > 0 and <= 10 }) errors.Add("actions", "1 to 10 actions");
        for (var i = 0; body.Actions is not null && i < body.Actions.Length; i++) ActionRequest.Check(body.Actions[i], $"actions[{i}]", errors);
        var cooldown = Duration(body.Cooldown ?? "15m", "cooldown", errors);
        RuleCondition? condition = null;
        if (body.Condition is { } c)
        {
            if (c.Count is not (>= 1 and <= 1000)) errors.Add("condition.count", "1 to 1000");
            var window = Duration(c.Window, "condition.window", errors);
            condition = new RuleCondition(c.Count ?? 1, window);
        }

        if (body.Where is { Length: > 20 }) errors.Add("where", "at most 20 expressions");
        for (var i = 0; body.Where is not null && i < body.Where.Length; i++) CheckExpression(body.Where[i], $"where[{i}]", errors);
        if (errors.Any) return false;
        var trigger = body.Trigger!;
        rule = new RuleDefinition(ruleId!, body.Description ?? "", body.Enabled ?? true,
            new RuleTrigger(trigger.Events ?? [], trigger.Categories ?? [], trigger.MinSeverity ?? AnomalySeverity.Low, trigger.Devices ?? [], trigger.Metric,
                trigger.Sites, trigger.Roles, trigger.Tags),
            [.. body.Actions!.Select(ActionRequest.ToAction)], cooldown, body.DryRun ?? false, condition,
            body.Where?.Select(e => new RuleExpression(e.Field!, e.Operator!, e.Value!)).ToArray());
        return true;
    }

    private static void CheckExpression(RuleExpressionBody? expression, string field, ValidationErrors errors)
    {
        if (expression?.Field is not { } name || !RuleExpression.Fields.Contains(name)) errors.Add($"{field}.field", "one of " + string.Join(", ", RuleExpression.Fields));
        if (expression?.Operator is not { } op || !RuleExpression.Operators.Contains(op)) errors.Add($"{field}.operator", "one of " + string.Join(" ", RuleExpression.Operators));
        else if (op == "contains" && expression.Field != "device.tags") errors.Add($"{field}.operator", "contains is for device.tags");
        if (expression?.Value is null) errors.Add($"{field}.value", "required");
        else if (expression.Field == "anomaly.severity" && NetworkGrains.Abstractions.SnakeCaseNames.Parse<AnomalySeverity>(expression.Value) is null)
            errors.Add($"{field}.value", "low, medium, high or critical");
    }

    /// <summary>The longest cooldown, condition window, silence, step timeout or retry delay.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>"90s", "15m", "2h" or "1d" (see <see cref="QueryValues.Duration"/>), up to <see cref="MaxDuration"/>.</summary>
    public static TimeSpan Duration(string? text, string field, ValidationErrors errors)
    {
        if (text is null) errors.Add(field, "required: a duration such as 90s, 15m, 2h or 1d");
        return QueryValues.Duration(text, field, MaxDuration, errors) ?? TimeSpan.Zero;
    }
}

/// <summary>A rule as the API shows it: everything but the webhook secrets (only whether one is set).</summary>
public sealed record RuleView(string Id, string Description, bool Enabled, RuleTrigger Trigger, RuleCondition? Condition, RuleExpression[] Where,
    RuleActionView[] Actions, TimeSpan Cooldown, bool DryRun)
{
    public static RuleView From(RuleDefinition rule) => new(rule.Id, rule.Description, rule.Enabled, rule.Trigger, rule.Condition, rule.Where ?? [],
        [.. rule.Actions.Select(ActionRequest.View)], rule.Cooldown, rule.DryRun);
}
