using NetworkGrains.Cli.Simulate;
using static NetworkGrains.Cli.Simulate.EvaluateCommand;

namespace NetworkGrains.Cli.Tests;

public sealed class EvaluateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(120);

    private static readonly GroundTruth Truth = new(Start, Start.AddMinutes(10), ["r1", "r2", "s1"],
    [
        new Incident("r1", IncidentKind.LinkFlap, 1, Start.AddMinutes(1), Start.AddMinutes(2)),
        new Incident("r2", IncidentKind.CpuSaturation, 1, Start.AddMinutes(3), Start.AddMinutes(4)),
        new Incident("s1", IncidentKind.CpuSaturation, 1, Start.AddMinutes(5), Start.AddMinutes(6)),
    ]);

    [Fact]
    public void An_anomaly_on_the_incidents_device_within_its_window_detects_it()
    {
        var evaluation = Evaluate(Truth,
        [
            new AnomalySeen("a1", "r1", "link_down", Start.AddMinutes(1).AddSeconds(1)),
            new AnomalySeen("a2", "r2", "cpu", Start.AddMinutes(3).AddSeconds(20)),
            new AnomalySeen("a3", "r1", "cpu", Start.AddMinutes(8)),          // after r1's window and grace: a false alarm
            new AnomalySeen("a4", "r2", "cpu", Start.AddMinutes(6).AddSeconds(30)), // s1's incident time but r2, past r2's grace
        ], Grace);

        var link = evaluation.Kinds.Single(k => k.Kind == "link_flap");
        Assert.Equal((1, 1, 1.0, 1.0), (link.Incidents, link.Detected, link.Recall, link.MedianSecondsToDetect!.Value));
        Assert.Equal(["link_down"], link.Categories);
        var cpu = evaluation.Kinds.Single(k => k.Kind == "cpu_saturation");
        Assert.Equal((2, 1, 0.5, 20.0), (cpu.Incidents, cpu.Detected, cpu.Recall, cpu.MedianSecondsToDetect!.Value));
        Assert.Equal((4, 2), (evaluation.Anomalies, evaluation.Matched));
        Assert.Equal(0.5, evaluation.Precision);
        Assert.Equal(2.0 / 3, evaluation.Recall, 6);
    }

    [Fact]
    public void Detection_up_to_the_grace_counts_and_early_signs_count_as_zero_delay()
    {
        var evaluation = Evaluate(Truth,
        [
            new AnomalySeen("a1", "r1", "link_down", Start.AddMinutes(1).AddSeconds(-10)),
            new AnomalySeen("a2", "r2", "cpu", Start.AddMinutes(4) + Grace),
            new AnomalySeen("a3", "s1", "cpu", Start.AddMinutes(6) + Grace + TimeSpan.FromSeconds(1)),
        ], Grace);
        Assert.Equal(0, evaluation.Kinds.Single(k => k.Kind == "link_flap").MedianSecondsToDetect);
        Assert.Equal(1, evaluation.Kinds.Single(k => k.Kind == "cpu_saturation").Detected);
        Assert.Equal(2, evaluation.Matched);
    }

    [Fact]
    public void No_anomalies_is_no_recall_and_no_precision_to_speak_of()
    {
        var evaluation = Evaluate(Truth, [], Grace);
        Assert.Equal((0, 0.0, 0.0), (evaluation.Anomalies, evaluation.Precision, evaluation.Recall));
        Assert.All(evaluation.Kinds, k => Assert.Null(k.MedianSecondsToDetect));
    }
}
