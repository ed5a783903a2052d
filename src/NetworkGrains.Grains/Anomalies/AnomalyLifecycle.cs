using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>The anomaly's state changes, pure: the grain applies them, persists and publishes.</summary>
public static class AnomalyLifecycle
{
    public static Anomaly Open(string id, AnomalySignal signal) => new(
        id, signal.DeviceId, signal.Metric, signal.Instance, signal.Category, signal.Severity, signal.Score, signal.Score,
        AnomalyStatus.Detected, signal.At, signal.At, 1, signal.Value, signal.Explanation,
        [new InvestigationEntry(signal.At, signal.Detector, "detected", null)], null, signal.Detector, signal.GroupId ?? id);

    /// <summary>Another signal for an open anomaly (standing for <see cref="AnomalySignal.Repeats"/>): counted; the strongest one sets score, peak and explanation.</summary>
    public static Anomaly Add(Anomaly anomaly, AnomalySignal signal)
    {
        var stronger = signal.Score > anomaly.Score;
        return anomaly with
        {
            Count = anomaly.Count + Math.Max(1, signal.Repeats),
            LastSeen = signal.At > anomaly.LastSeen ? signal.At : anomaly.LastSeen,
            Severity = signal.Severity > anomaly.Severity ? signal.Severity : anomaly.Severity,
            Score = stronger ? signal.Score : anomaly.Score,
            Confidence = Math.Max(anomaly.Confidence, signal.Score),
            Peak = stronger ? signal.Value : anomaly.Peak,
            Explanation = stronger ? signal.Explanation : anomaly.Explanation,
        };
    }

    public static Anomaly Investigate(Anomaly anomaly, Actor actor, string? notes, DateTimeOffset now)
    {
        EnsureOpen(anomaly);
        return anomaly with { Status = AnomalyStatus.Investigating, Timeline = [.. anomaly.Timeline, new InvestigationEntry(now, actor.Id, "investigating", notes)] };
    }

    public static Anomaly Resolve(Anomaly anomaly, Actor actor, AnomalyStatus resolution, string? notes, DateTimeOffset now)
    {
        if (resolution is not (AnomalyStatus.Resolved or AnomalyStatus.FalsePositive))
            throw InvalidInputProblem.Single("resolution", "resolved or false_positive");
        EnsureOpen(anomaly);
        var action = resolution == AnomalyStatus.Resolved ? "resolved" : "false_positive";
        return anomaly with { Status = resolution, ResolvedAt = now, Timeline = [.. anomaly.Timeline, new InvestigationEntry(now, actor.Id, action, notes)] };
    }

    /// <summary>Open and no signal for <paramref name="quietPeriod"/>: resolved automatically.</summary>
    public static bool IsQuiet(Anomaly anomaly, DateTimeOffset now, TimeSpan quietPeriod) => anomaly.IsOpen && now - anomaly.LastSeen >= quietPeriod;

    private static void EnsureOpen(Anomaly anomaly)
    {
        if (!anomaly.IsOpen) throw new ConflictProblem($"anomaly {anomaly.Id} is closed ({anomaly.Status})");
    }
}
