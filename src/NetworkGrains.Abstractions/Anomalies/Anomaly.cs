namespace NetworkGrains.Abstractions.Anomalies;

/// <summary>
/// An anomaly on one device's series (metric and instance), or a typed device event (link down): repeated verdicts
/// for the same series update it (count, last seen, peak) while it is open. Anomalies a device opens within ten
/// minutes of each other share a <see cref="GroupId"/> (the first one's id).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.anomaly.v1")]
public sealed record Anomaly(
    [property: Id(0)] string Id,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string Metric,
    [property: Id(3)] string? Instance,
    [property: Id(4)] AnomalyCategory Category,
    [property: Id(5)] AnomalySeverity Severity,
    [property: Id(6)] double Confidence,
    [property: Id(7)] double Score,
    [property: Id(8)] AnomalyStatus Status,
    [property: Id(9)] DateTimeOffset FirstSeen,
    [property: Id(10)] DateTimeOffset LastSeen,
    [property: Id(11)] int Count,
    [property: Id(12)] double Peak,
    [property: Id(13)] AnomalyExplanation[] Explanation,
    [property: Id(14)] InvestigationEntry[] Timeline,
    [property: Id(15)] DateTimeOffset? ResolvedAt,
    [property: Id(16)] string Detector,
    [property: Id(17)] string? GroupId = null)
{
    public bool IsOpen => Status is AnomalyStatus.Detected or AnomalyStatus.Investigating;
}

/// <summary>What opens or updates an anomaly: a detector verdict or a typed device event, already classified.</summary>
[GenerateSerializer, Immutable, Alias("ng.anomaly-signal.v1")]
public sealed record AnomalySignal(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Metric,
    [property: Id(2)] string? Instance,
    [property: Id(3)] AnomalyCategory Category,
    [property: Id(4)] AnomalySeverity Severity,
    [property: Id(5)] double Score,
    [property: Id(6)] double Value,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] AnomalyExplanation[] Explanation,
    [property: Id(9)] string Detector,
    [property: Id(10)] string? GroupId = null,
    [property: Id(11)] int Repeats = 1);

[GenerateSerializer, Alias("ng.anomaly-event-kind.v1")]
public enum AnomalyEventKind
{
    Opened,
    Updated,
    StatusChanged,
    Resolved,
}

/// <summary>
/// What the "anomalies" stream carries: the anomaly as it is after the change, and the W3C traceparent of the
/// change's span (a stream does not carry the publisher's trace; null in events written before it existed).
/// </summary>
[GenerateSerializer, Immutable, Alias("ng.anomaly-event.v1")]
public sealed record AnomalyEvent(
    [property: Id(0)] AnomalyEventKind Kind,
    [property: Id(1)] Anomaly Anomaly,
    [property: Id(2)] string? TraceParent = null);
