using System.Text.RegularExpressions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// What an action acts on and as whom: the idempotency key its receivers see (the same on every retry), who asked
/// (a rule or a workflow run), the anomaly, its device and instance, and the values for placeholders such as {instance}.
/// </summary>
public sealed partial record ActionScope(
    string IdempotencyKey,
    string Origin,
    Actor Actor,
    Anomaly? Anomaly,
    AnomalyEventKind? Kind,
    string? DeviceId,
    string? Instance,
    IReadOnlyDictionary<string, string> Parameters)
{
    public static ActionScope ForRule(string ruleId, string idempotencyKey, AnomalyEvent anomalyEvent, IReadOnlyDictionary<string, string>? parameters) =>
        new(idempotencyKey, $"rule:{ruleId}", new Actor($"rule:{ruleId}", [RoleNames.IncidentResponder]), anomalyEvent.Anomaly,
            anomalyEvent.Kind, anomalyEvent.Anomaly.DeviceId, anomalyEvent.Anomaly.Instance, parameters ?? new Dictionary<string, string>());

    /// <summary>
    /// Replaces {device}, {instance}, {anomaly} and {parameter} in <paramref name="text"/>; false (with the first
    /// placeholder that has no value) when one cannot be filled.
    /// </summary>
    public bool TryFill(string text, out string filled, out string missing)
    {
        string? unknown = null;
        filled = Placeholder().Replace(text, match => Value(match.Groups[1].Value) ?? (unknown ??= match.Value));
        missing = unknown ?? "";
        return unknown is null;
    }

    private string? Value(string name) => name switch
    {
        "device" => DeviceId,
        "instance" => Instance,
        "anomaly" => Anomaly?.Id,
        _ => Parameters.GetValueOrDefault(name),
    };

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
