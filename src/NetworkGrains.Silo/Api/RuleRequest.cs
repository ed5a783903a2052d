using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Api;

public sealed record RuleTriggerBody(AnomalyEventKind[]? Events, AnomalyCategory[]? Categories, AnomalySeverity? MinSeverity, string[]? Devices, string? Metric);

public sealed record RuleConditionBody(int? Count, string? Window);

public sealed record SnmpSetBody(string? Oid, string? Type, string? Value);

public sealed record RuleActionBody(RuleActionType? Type, string? Url, string? Secret, SnmpSetBody[]? Set);

/// <summary>A rule as JSON, from the API or a file under config/rules/ (durations like "15m", "2h").</summary>
public sealed record RuleBody(string? Id, string? Description, bool? Enabled, RuleTriggerBody? Trigger, RuleConditionBody? Condition,
    RuleActionBody[]? Actions, string? Cooldown, bool? DryRun);

/// <summary>Reads and checks a rule definition, naming the field and the reason for everything it refuses.</summary>
public static class RuleRequest
{
    public const int MaxBodyBytes = 32 * 1024;
    private const int MinSecretLength = 16;

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
        for (var i = 0; body.Actions is not null && i < body.Actions.Length; i++) CheckAction(body.Actions[i], $"actions[{i}]", errors);
        var cooldown = Duration(body.Cooldown ?? "15m", "cooldown", errors);
        RuleCondition? condition = null;
        if (body.Condition is { } c)
        {
            if (c.Count is not (>= 1 and <= 1000)) errors.Add("condition.count", "1 to 1000");
            var window = Duration(c.Window, "condition.window", errors);
            condition = new RuleCondition(c.Count ?? 1, window);
        }

        if (errors.Any) return false;
        var trigger = body.Trigger!;
        rule = new RuleDefinition(ruleId!, body.Description ?? "", body.Enabled ?? true,
            new RuleTrigger(trigger.Events ?? [], trigger.Categories ?? [], trigger.MinSeverity ?? AnomalySeverity.Low, trigger.Devices ?? [], trigger.Metric),
            [.. body.Actions!.Select(a => new RuleAction(a.Type!.Value, a.Url, a.Secret,
                a.Set?.Select(v => new SnmpSetValue(v.Oid!, v.Type![0], v.Value!)).ToArray()))], cooldown, body.DryRun ?? false, condition);
        return true;
    }

    private static void CheckAction(RuleActionBody? action, string field, ValidationErrors errors)
    {
        if (action?.Type is not { } type)
        {
            errors.Add($"{field}.type", "required: webhook or open_investigation");
            return;
        }

        if (type == RuleActionType.SnmpSet) CheckSet(action.Set, field, errors);
        if (type != RuleActionType.Webhook) return;
        if (!Uri.TryCreate(action.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors.Add($"{field}.url", "an absolute http or https URL");
        if (action.Secret is not { Length: >= MinSecretLength }) errors.Add($"{field}.secret", $"at least {MinSecretLength} characters (the HMAC-SHA256 key)");
    }

    private static void CheckSet(SnmpSetBody[]? set, string field, ValidationErrors errors)
    {
        if (set is not { Length: > 0 and <= 16 })
        {
            errors.Add($"{field}.set", "1 to 16 variables {oid, type, value}");
            return;
        }

        for (var i = 0; i < set.Length; i++)
        {
            var oid = set[i]?.Oid?.Replace("{instance}", "1", StringComparison.Ordinal);
            if (oid is null || oid.Split('.').Any(arc => arc.Length == 0 || !arc.All(char.IsAsciiDigit)))
                errors.Add($"{field}.set[{i}].oid", "a numeric OID such as 1.3.6.1.2.1.2.2.1.7.{instance}");
            if (set[i]?.Type is not { Length: 1 } t || !"iuctaosx".Contains(t[0])) errors.Add($"{field}.set[{i}].type", "one of i u c t a o s x (as snmpset names them)");
            if (set[i]?.Value is null) errors.Add($"{field}.set[{i}].value", "required");
        }
    }

    /// <summary>"90s", "15m", "2h" or "1d" (see <see cref="QueryValues.Duration"/>), up to 30 days.</summary>
    private static TimeSpan Duration(string? text, string field, ValidationErrors errors)
    {
        if (text is null) errors.Add(field, "required: a duration such as 90s, 15m, 2h or 1d");
        var duration = QueryValues.Duration(text, field, errors) ?? TimeSpan.Zero;
        if (duration > TimeSpan.FromDays(30)) errors.Add(field, "at most 30d");
        return duration;
    }
}

/// <summary>A rule as the API shows it: everything but the webhook secrets (only whether one is set).</summary>
public sealed record RuleView(string Id, string Description, bool Enabled, RuleTrigger Trigger, RuleCondition? Condition, object[] Actions, TimeSpan Cooldown, bool DryRun)
{
    public static RuleView From(RuleDefinition rule) => new(rule.Id, rule.Description, rule.Enabled, rule.Trigger, rule.Condition,
        [.. rule.Actions.Select(a => (object)new { type = a.Type, url = a.Url, hasSecret = a.Secret is not null, set = a.Set })], rule.Cooldown, rule.DryRun);
}
