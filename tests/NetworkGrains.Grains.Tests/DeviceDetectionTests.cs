using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Tests.Models;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Grains.Devices.Windows;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceDetectionTests(ClusterFixture fixture)
{
    /// <summary>The multivariate model the fixture's devices score with (it exists only once the test below makes it).</summary>
    public const string MultivariateModel = "device-windows";

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds());

    [Fact]
    public async Task Every_series_is_scored_a_spike_is_a_verdict_and_the_detectors_and_verdicts_survive_deactivation()
    {
        var device = await fixture.RegisterDeviceAsync("detect");
        // Rarer than 999 in 1000 needs more than 1000 points of history.
        await device.Ingest(new TelemetryBatch(CpuReadings.From(Start, 0, 1600, 95, 1500)));

        var verdict = Assert.Single(await device.GetVerdicts(10), v => v.Timestamp == Start.AddMinutes(1500));
        Assert.Equal(("cpu", 95.0, "ngcompact"), (verdict.Metric, verdict.Value, verdict.Detector));
        Assert.True(verdict.Score >= verdict.Threshold);
        Assert.DoesNotContain(await device.GetVerdicts(100), v => v.Timestamp < Start.AddMinutes(1500));

        var before = await device.GetVerdicts(Limits.VerdictsKept);

        await device.Flush();
        var management = fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var devices = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(DeviceGrain), StringComparison.Ordinal));
        Assert.Equal(0, devices.Sum(s => s.ActivationCount));
        Assert.Equivalent(before, await device.GetVerdicts(Limits.VerdictsKept), strict: true); // a new activation, the same verdicts

        // A fresh default detector cannot reach the threshold before about 1,000 points (only its cold-start rule
        // could): its verdict this soon means it was restored. (The second spike is higher: one like the first is no
        // longer rarer than 999 in 1000.)
        await device.Ingest(new TelemetryBatch(CpuReadings.From(Start, 1600, 200, 400, 1750)));
        Assert.Contains(await device.GetVerdicts(10), v => v.Timestamp == Start.AddMinutes(1750) && v.Detector == DefaultDetector.Name);
    }

    [Fact]
    public async Task The_multivariate_model_scores_the_latest_values_once_a_minute_and_a_broken_correlation_is_a_verdict()
    {
        var model = fixture.Cluster.GrainFactory.GetGrain<IModelGrain>(MultivariateModel);
        await model.Create(ModelType.AnomalyDetection, "in, out and cpu of a device", new Actor("erin", ["ml_engineer"]));
        await ModelRegistryTests.InProduction(model, seed: 1);
        var device = await fixture.RegisterDeviceAsync("multi");

        await device.Ingest(new TelemetryBatch(Windows(minute: 0, inRate: 50, outRate: 40, cpu: 35)));
        await device.Ingest(new TelemetryBatch(Windows(minute: 0, inRate: 51, outRate: 41, cpu: 35)));
        await device.Ingest(new TelemetryBatch(Windows(minute: 1, inRate: 90, outRate: 2, cpu: 95)));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        DetectorVerdict[] verdicts;
        while ((verdicts = await device.GetVerdicts(10)).Length == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        var verdict = Assert.Single(verdicts);
        Assert.Equal(("model:" + MultivariateModel, Start.AddMinutes(1), $"{MultivariateModel} v1"), (verdict.Metric, verdict.Timestamp, verdict.Detector));
        Assert.True(verdict.Score >= verdict.Threshold);
    }

    private static Reading[] Windows(int minute, double inRate, double outRate, double cpu) =>
    [
        new("in", null, Start.AddMinutes(minute), inRate, MetricKind.Gauge),
        new("out", null, Start.AddMinutes(minute), outRate, MetricKind.Gauge),
        new("cpu", null, Start.AddMinutes(minute), cpu, MetricKind.Gauge),
    ];

    [Fact]
    public void Snapshots_carry_each_series_detector_and_unknown_series_start_fresh()
    {
        var cpu = new SeriesKey("cpu", "");
        var first = new SeriesDetectors(0.99, null);
        foreach (var reading in CpuReadings.From(Start, 0, 600, 95, -1)) first.Accepted(cpu, reading.Timestamp.ToUnixTimeSeconds(), reading.Value);

        var second = new SeriesDetectors(0.99, first.Snapshot());
        second.Accepted(cpu, Start.AddMinutes(600).ToUnixTimeSeconds(), 95);
        second.Accepted(new SeriesKey("mem", ""), Start.AddMinutes(600).ToUnixTimeSeconds(), 95);

        Assert.Equal(["cpu"], second.Newest(10).Select(v => v.Metric));
        Assert.Equal([new SeriesKey("cpu", ""), new SeriesKey("mem", "")], second.Snapshot().Keys.OrderBy(k => k.Metric));
    }
}
