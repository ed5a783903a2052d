using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Api;

public sealed record SnmpSetBody(string? Oid, string? Type, string? Value);

public sealed record RuleActionBody(RuleActionType? Type, string? Url, string? Secret, SnmpSetBody[]? Set, string? Workflow,
    Dictionary<string, string>? Parameters, string? Text);

/// <summary>One action of a rule or a workflow step as JSON: checked field by field, and shown without its secret.</summary>
public static class ActionRequest
{
    public const int MinSecretLength = 16;
    private const string Types = "webhook, teams_notify, snmp_set, run_workflow, open_investigation or resolve_anomaly";

    public static void Check(RuleActionBody? action, string field, ValidationErrors errors)
    {
        if (action?.Type is not { } type)
        {
            errors.Add($"{field}.type", "required: " + Types);
            return;
        }

        switch (type)
        {
            case RuleActionType.SnmpSet:
                CheckSet(action.Set, field, errors);
                break;
            case RuleActionType.RunWorkflow:
                if (!ResourceNames.IsValid(action.Workflow)) errors.Add($"{field}.workflow", "required: " + ResourceNames.Rule);
                if (action.Parameters is { Count: > 32 }) errors.Add($"{field}.parameters", "at most 32");
                break;
            case RuleActionType.Webhook or RuleActionType.TeamsNotify:
                if ((type == RuleActionType.Webhook || action.Url is not null)
                    && (!Uri.TryCreate(action.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
                    errors.Add($"{field}.url", type == RuleActionType.Webhook ? "an absolute http or https URL"
                        : "the Teams incoming webhook's http or https URL (or none: Automation:TeamsWebhookUrl)");
                if (type == RuleActionType.Webhook && action.Secret is not { Length: >= MinSecretLength })
                    errors.Add($"{field}.secret", $"at least {MinSecretLength} characters (the HMAC-SHA256 key)");
                if (action.Text is { Length: > 200 }) errors.Add($"{field}.text", "at most 200 characters");
                break;
        }
    }

    public static RuleAction ToAction(RuleActionBody body) => new(body.Type!.Value, body.Url, body.Secret,
        body.Set?.Select(v => new SnmpSetValue(v.Oid!, v.Type![0], v.Value!)).ToArray(), body.Workflow, body.Parameters, body.Text);

    /// <summary>An action as the API shows it: whether a secret is set, never the secret.</summary>
    public static RuleActionView View(RuleAction action) =>
        new(action.Type, action.Url, action.Secret is not null, action.Set, action.Workflow, action.Parameters, action.Text);

    private static void CheckSet(SnmpSetBody[]? set, string field, ValidationErrors errors)
    {
        if (set is not { Length: > 0 and <= 16 })
        {
            errors.Add($"{field}.set", "1 to 16 variables {oid, type, value}");
            return;
        }

        for (var i = 0; i < set.Length; i++)
        {
            var oid = PlaceholderFree(set[i]?.Oid);
            if (oid is null || oid.Split('.').Any(arc => arc.Length == 0 || !arc.All(char.IsAsciiDigit)))
                errors.Add($"{field}.set[{i}].oid", "a numeric OID such as 1.3.6.1.2.1.2.2.1.7.{instance}");
            if (set[i]?.Type is not { Length: 1 } t || !"iuctaosx".Contains(t[0])) errors.Add($"{field}.set[{i}].type", "one of i u c t a o s x (as snmpset names them)");
            if (set[i]?.Value is null) errors.Add($"{field}.set[{i}].value", "required");
        }
    }

    /// <summary>The OID with each {placeholder} arc as 1, to check its shape before the values are known.</summary>
    public static string? PlaceholderFree(string? oid) =>
        oid is null ? null : System.Text.RegularExpressions.Regex.Replace(oid, @"\{[A-Za-z0-9_]+\}", "1");
}

/// <summary>An action as the API shows it: whether it has a webhook secret, never the secret.</summary>
public sealed record RuleActionView(RuleActionType Type, string? Url, bool HasSecret, SnmpSetValue[]? Set, string? Workflow,
    Dictionary<string, string>? Parameters, string? Text);
