using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Abstractions.Anomalies;

[GenerateSerializer, Alias("ng.anomaly-severity.v1")]
public enum AnomalySeverity
{
    Low,
    Medium,
    High,
    Critical,
}

[GenerateSerializer, Alias("ng.anomaly-status.v1")]
public enum AnomalyStatus
{
    Detected,
    Investigating,
    Resolved,
    FalsePositive,
}

/// <summary>What kind of anomaly (REST spells these in snake_case: traffic_spike, link_down, ...).</summary>
[GenerateSerializer, Alias("ng.anomaly-category.v1")]
public enum AnomalyCategory
{
    Other,
    TrafficSpike,
    TrafficDrop,
    InterfaceErrors,
    LinkDown,
    Cpu,
    Memory,
    SecurityThreat,
    Multivariate,
    AuthenticationFailure,
    /// <summary>A routing adjacency (BGP, OSPF, IS-IS) went down.</summary>
    Routing,
    ConfigChange,
    /// <summary>An environment alarm: power, fans, temperature.</summary>
    Hardware,
    /// <summary>A device's syslog messages of one kind arrive at an unusual rate.</summary>
    LogStorm,
}

/// <summary>
/// A feature that drove a verdict: its value, the baseline it was compared with and, where the detector has one, the
/// band of values it would not have called anomalous (<see cref="Low"/> to <see cref="High"/>); which detectors scored
/// it, how strongly, and which fired (<see cref="Detectors"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.anomaly-explanation.v1")]
public sealed record AnomalyExplanation(
    [property: Id(0)] string Feature,
    [property: Id(1)] double Value,
    [property: Id(2)] double? Baseline,
    [property: Id(3)] double Score,
    [property: Id(4)] double? Low = null,
    [property: Id(5)] double? High = null,
    [property: Id(6)] DetectorContribution[]? Detectors = null);

/// <summary>One entry of an investigation's timeline: who did what, when.</summary>
[GenerateSerializer, Immutable, Alias("ng.investigation-entry.v1")]
public sealed record InvestigationEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Notes);
