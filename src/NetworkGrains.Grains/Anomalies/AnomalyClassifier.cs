using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>Turns verdicts and typed traps into anomaly signals: a category from the metric, a severity from how rare.</summary>
public static class AnomalyClassifier
{
    private const string IfIndexPrefix = "1.3.6.1.2.1.2.2.1.1.";

    public static AnomalySignal FromVerdict(string deviceId, DetectorVerdict verdict)
    {
        var explanation = new AnomalyExplanation(verdict.Instance is null ? verdict.Metric : $"{verdict.Metric}[{verdict.Instance}]", verdict.Value, verdict.Expected,
            verdict.Score, verdict.Low, verdict.High, verdict.Contributions);
        return new AnomalySignal(deviceId, verdict.Metric, verdict.Instance, Category(verdict), Severity(verdict.Score), verdict.Score, verdict.Value,
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
        if (metric.StartsWith("threat:", StringComparison.Ordinal)) return AnomalyCategory.SecurityThreat;
        if (Has("error") || Has("discard")) return AnomalyCategory.InterfaceErrors;
        if (Has("cpu") || Has("processor")) return AnomalyCategory.Cpu;
        if (Has("mem")) return AnomalyCategory.Memory;
        if (Has("octets") || Has("pkts") || Has("packets") || Has("bytes") || Has("flow"))
            return verdict.Expected is { } expected && verdict.Value < expected ? AnomalyCategory.TrafficDrop : AnomalyCategory.TrafficSpike;
        return AnomalyCategory.Other;
    }
}
