using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Automation;

public static class RuleMatching
{
    /// <summary>Enabled, and the event passes every filter the trigger sets (no event kinds listed means "opened").</summary>
    public static bool Matches(RuleDefinition rule, AnomalyEvent anomalyEvent)
    {
        var (trigger, anomaly) = (rule.Trigger, anomalyEvent.Anomaly);
        var kinds = trigger.Events.Length == 0 ? [AnomalyEventKind.Opened] : trigger.Events;
        return rule.Enabled
               && kinds.Contains(anomalyEvent.Kind)
               && (trigger.Categories.Length == 0 || trigger.Categories.Contains(anomaly.Category))
               && anomaly.Severity >= trigger.MinSeverity
               && (trigger.Devices.Length == 0 || trigger.Devices.Contains(anomaly.DeviceId, StringComparer.Ordinal))
               && (trigger.Metric is null || trigger.Metric == anomaly.Metric);
    }

    /// <summary>The trigger's site, role and tag filters against the device's record (null: unknown, matches only a trigger without them).</summary>
    public static bool MatchesDevice(RuleTrigger trigger, DeviceRecord? device) =>
        (trigger.Sites is not { Length: > 0 } sites || device?.Site is { } site && sites.Contains(site, StringComparer.OrdinalIgnoreCase))
        && (trigger.Roles is not { Length: > 0 } roles || device?.Role is { } role && roles.Contains(role, StringComparer.OrdinalIgnoreCase))
        && (trigger.Tags is not { Length: > 0 } tags || device is not null && device.Tags.Intersect(tags, StringComparer.OrdinalIgnoreCase).Any());

    /// <summary>The series an anomaly is about: cooldowns and count conditions are kept per series.</summary>
    public static string SeriesOf(Anomaly anomaly) => $"{anomaly.DeviceId}|{anomaly.Metric}|{anomaly.Instance}";
}
