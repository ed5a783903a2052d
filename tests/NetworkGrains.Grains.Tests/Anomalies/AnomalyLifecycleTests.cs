using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Grains.Tests.Anomalies;

public sealed class AnomalyLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ops = new("olga", ["operator"]);

    private static AnomalySignal Signal(double score, double value, int minute) =>
        AnomalyClassifier.FromVerdict("r1", new DetectorVerdict("ifHCInOctets", "3", T0.AddMinutes(minute), value, score, 0.999, "ngcompact", 100));

    [Fact]
    public void Repeated_signals_count_and_the_strongest_sets_score_peak_severity_and_explanation()
    {
        var anomaly = AnomalyLifecycle.Open("a1", Signal(0.9991, 500, 0));
        anomaly = AnomalyLifecycle.Add(anomaly, Signal(0.99995, 900, 3));
        anomaly = AnomalyLifecycle.Add(anomaly, Signal(0.9992, 600, 5));

        Assert.Equal((3, T0, T0.AddMinutes(5)), (anomaly.Count, anomaly.FirstSeen, anomaly.LastSeen));
        Assert.Equal((0.99995, 900.0, AnomalySeverity.High), (anomaly.Score, anomaly.Peak, anomaly.Severity));
        var explanation = Assert.Single(anomaly.Explanation);
        Assert.Equal(("ifHCInOctets[3]", 900.0, (double?)100), (explanation.Feature, explanation.Value, explanation.Baseline));
        Assert.Equal(AnomalyCategory.TrafficSpike, anomaly.Category);
    }

    [Fact]
    public void Investigating_and_resolving_write_the_timeline_and_a_closed_anomaly_refuses_both()
    {
        var anomaly = AnomalyLifecycle.Open("a1", Signal(0.9991, 500, 0));

        anomaly = AnomalyLifecycle.Investigate(anomaly, Ops, "checking the uplink", T0.AddMinutes(1));
        anomaly = AnomalyLifecycle.Resolve(anomaly, Ops, AnomalyStatus.FalsePositive, "backup window", T0.AddMinutes(2));

        Assert.Equal(AnomalyStatus.FalsePositive, anomaly.Status);
        Assert.Equal(["detected", "investigating", "false_positive"], anomaly.Timeline.Select(e => e.Action));
        Assert.Equal("olga", anomaly.Timeline[2].By);
        Assert.Throws<ConflictProblem>(() => AnomalyLifecycle.Investigate(anomaly, Ops, null, T0));
        Assert.Throws<ConflictProblem>(() => AnomalyLifecycle.Resolve(anomaly, Ops, AnomalyStatus.Resolved, null, T0));
        Assert.Throws<InvalidInputProblem>(() => AnomalyLifecycle.Resolve(AnomalyLifecycle.Open("a2", Signal(1, 1, 0)), Ops, AnomalyStatus.Investigating, null, T0));
    }

    [Fact]
    public void An_open_anomaly_is_quiet_after_the_quiet_period_without_signals()
    {
        var anomaly = AnomalyLifecycle.Open("a1", Signal(0.9991, 500, 0));

        Assert.False(AnomalyLifecycle.IsQuiet(anomaly, T0.AddMinutes(29), TimeSpan.FromMinutes(30)));
        Assert.True(AnomalyLifecycle.IsQuiet(anomaly, T0.AddMinutes(30), TimeSpan.FromMinutes(30)));
        Assert.False(AnomalyLifecycle.IsQuiet(anomaly with { Status = AnomalyStatus.Resolved }, T0.AddDays(1), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData("ifHCInOctets", 50.0, AnomalyCategory.TrafficDrop)]
    [InlineData("ifHCOutOctets", 500.0, AnomalyCategory.TrafficSpike)]
    [InlineData("ifInErrors", 5.0, AnomalyCategory.InterfaceErrors)]
    [InlineData("cpu", 95.0, AnomalyCategory.Cpu)]
    [InlineData("memUsed", 95.0, AnomalyCategory.Memory)]
    [InlineData("model:edge", 0.9, AnomalyCategory.Multivariate)]
    [InlineData("threat:flows", 0.9, AnomalyCategory.SecurityThreat)]
    [InlineData("temperature", 80.0, AnomalyCategory.Other)]
    public void Categories_come_from_the_metric_and_the_direction(string metric, double value, AnomalyCategory category) =>
        Assert.Equal(category, AnomalyClassifier.FromVerdict("r1", new DetectorVerdict(metric, null, T0, value, 0.9995, 0.999, "ngcompact", 100)).Category);

    [Theory]
    [InlineData(0.99, AnomalySeverity.Low)]
    [InlineData(0.999, AnomalySeverity.Medium)]
    [InlineData(0.9999, AnomalySeverity.High)]
    [InlineData(0.99999, AnomalySeverity.Critical)]
    public void Severity_follows_how_rare_the_point_was(double score, AnomalySeverity severity) =>
        Assert.Equal(severity, AnomalyClassifier.Severity(score));

    [Fact]
    public void A_linkDown_trap_is_a_high_link_down_signal_on_its_interface()
    {
        var trap = new TrapEvent(T0, "10.0.0.1", "v2c", "1.3.6.1.6.3.1.1.5.3", TrapKind.LinkDown, "public", false,
            [new TrapVarBind("1.3.6.1.2.1.2.2.1.1.7", "Integer32", "7")]);

        var signal = AnomalyClassifier.FromTrap("r1", trap)!;

        Assert.Equal((AnomalyCategory.LinkDown, AnomalySeverity.High, "7"), (signal.Category, signal.Severity, signal.Instance));
        Assert.Null(AnomalyClassifier.FromTrap("r1", trap with { Kind = TrapKind.ColdStart }));
    }
}
