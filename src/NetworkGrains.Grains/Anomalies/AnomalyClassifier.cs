using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>Turns verdicts and typed traps into anomaly signals: a category from the metric, a severity from how rare.</summary>
public static class AnomalyClassifier
{
    private const string IfIndexPrefix = "1.3.6.1.2.1.2.2.1.1.";

    /// <summary>A syslog rate below this (messages a second) is not a storm, however rare: its verdict is a low anomaly.</summary>
    public const double StormRate = 1;

    public static AnomalySignal FromVerdict(string deviceId, DetectorVerdict verdict)
    {
        var explanation = new AnomalyExplanation(verdict.Instance is null ? verdict.Metric : $"{verdict.Metric}[{verdict.Instance}]", verdict.Value, verdict.Expected,
            verdict.Score, verdict.Low, verdict.High, verdict.Contributions);
        var category = Category(verdict);
        var severity = category == AnomalyCategory.LogStorm && verdict.Value < StormRate ? AnomalySeverity.Low : Severity(verdict.Score);
        return new AnomalySignal(deviceId, verdict.Metric, verdict.Instance, category, severity, verdict.Score, verdict.Value,
            verdict.Timestamp, [explanation], verdict.Detector);
    }

    /// <summary>linkDown and authenticationFailure traps; null for the others (linkUp resolves, see the device grain).</summary>
    public static AnomalySignal? FromTrap(string deviceId, TrapEvent trap) => trap.Kind switch
    {
        TrapKind.LinkDown => new AnomalySignal(deviceId, "linkDown", InterfaceOf(trap), AnomalyCategory.LinkDown, AnomalySeverity.High, 1, 0,
            trap.ReceivedAt, [new AnomalyExplanation("ifOperStatus", 2, 1, 1)], "trap"),
        TrapKind.AuthenticationFailure => new AnomalySignal(deviceId, "authenticationFailure", null, AnomalyCategory.AuthenticationFailure,
            AnomalySeverity.Medium, 1, 0, trap.ReceivedAt, [new AnomalyExplanation("authenticationFailure", 1, 0, 1)], "trap"),
        _ => null,
    };

    /// <summary>
    /// Typed syslog events: an interface down as a linkDown trap (on <paramref name="instance"/>: its ifIndex when the
    /// device knows the name), a routing adjacency down, an authentication failure, a configuration change, an
    /// environment alarm; null for the others (an up resolves, see the device grain).
    /// </summary>
    public static AnomalySignal? FromSyslog(string deviceId, SyslogEntry entry, string? instance) => entry.Event switch
    {
        SyslogEventKind.InterfaceDown => new AnomalySignal(deviceId, "linkDown", instance, AnomalyCategory.LinkDown, AnomalySeverity.High, 1, 0,
            entry.ReceivedAt, [new AnomalyExplanation("ifOperStatus", 2, 1, 1)], "syslog"),
        SyslogEventKind.AdjacencyDown => new AnomalySignal(deviceId, AdjacencyMetric(entry), entry.Subject, AnomalyCategory.Routing, AnomalySeverity.High, 1, 0,
            entry.ReceivedAt, [new AnomalyExplanation(AdjacencyMetric(entry), 0, 1, 1)], "syslog"),
        SyslogEventKind.AuthenticationFailure => new AnomalySignal(deviceId, "authenticationFailure", null, AnomalyCategory.AuthenticationFailure,
            AnomalySeverity.Medium, 1, 0, entry.ReceivedAt, [new AnomalyExplanation("authenticationFailure", 1, 0, 1)], "syslog"),
        SyslogEventKind.ConfigChange => new AnomalySignal(deviceId, "configChange", null, AnomalyCategory.ConfigChange, AnomalySeverity.Low, 1, 0,
            entry.ReceivedAt, [new AnomalyExplanation("configChange", 1, 0, 1)], "syslog"),
        SyslogEventKind.EnvironmentAlarm => new AnomalySignal(deviceId, "environment", entry.Subject, AnomalyCategory.Hardware,
            entry.Severity <= 2 ? AnomalySeverity.Critical : AnomalySeverity.High, 1, 0, entry.ReceivedAt, [new AnomalyExplanation("environment", 1, 0, 1)], "syslog"),
        _ => null,
    };

    /// <summary>The series an adjacency event is on: bgpAdjacency, ospfAdjacency or isisAdjacency (instance: the neighbour).</summary>
    public static string AdjacencyMetric(SyslogEntry entry) => $"{entry.Protocol ?? "routing"}Adjacency";

    /// <summary>The interface a linkDown or linkUp names (its ifIndex varbind), if any.</summary>
    public static string? InterfaceOf(TrapEvent trap) =>
        trap.VarBinds.FirstOrDefault(v => v.Oid.StartsWith(IfIndexPrefix, StringComparison.Ordinal))?.Value;

    public static AnomalySeverity Severity(double score) => score switch
    {
        >= 0.99999 => AnomalySeverity.Critical,
        >= 0.9999 => AnomalySeverity.High,
        >= 0.999 => AnomalySeverity.Medium,
        _ => AnomalySeverity.Low,
    };

    private static AnomalyCategory Category(DetectorVerdict verdict)
    {
        var metric = verdict.Metric;
        bool Has(string part) => metric.Contains(part, StringComparison.OrdinalIgnoreCase);
        if (metric.StartsWith("model:", StringComparison.Ordinal)) return AnomalyCategory.Multivariate;
        if (metric.StartsWith("syslog", StringComparison.Ordinal)) return AnomalyCategory.LogStorm;
        if (metric.StartsWith("threat:", StringComparison.Ordinal)) return AnomalyCategory.SecurityThreat;
        if (Has("error") || Has("discard")) return AnomalyCategory.InterfaceErrors;
        if (Has("cpu") || Has("processor")) return AnomalyCategory.Cpu;
        if (Has("mem")) return AnomalyCategory.Memory;
        if (Has("octets") || Has("pkts") || Has("packets") || Has("bytes") || Has("flow"))
            return verdict.Expected is { } expected && verdict.Value < expected ? AnomalyCategory.TrafficDrop : AnomalyCategory.TrafficSpike;
        return AnomalyCategory.Other;
    }
}
