using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.ML.Models;

namespace NetworkGrains.Grains.Tests;

public sealed class FlowReadingsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_security_features_become_readings_under_the_threat_models_feature_names()
    {
        var report = new FlowReport(Start, Start.AddSeconds(10), new FlowTotals(400, 400, 17_600, 400, 17_600), [])
        {
            Security = new FlowSecurityFeatures(400, 1, 1, 401, 1, 44, 1, 0, 8.6),
        };

        var readings = FlowReadings.From(report);

        Assert.Equal(ThreatClassifier.Features, readings.Select(r => r.Metric));
        Assert.Equal([400, 1, 1, 401, 1, 44, 1, 0, 8.6], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal((Start.AddSeconds(10), (string?)null, MetricKind.Gauge), (r.Timestamp, r.Instance, r.Kind)));
        Assert.Empty(FlowReadings.From(report with { Security = null }));
    }
}
