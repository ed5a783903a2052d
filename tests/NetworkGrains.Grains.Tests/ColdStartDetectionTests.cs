using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.ML.Detectors;

namespace NetworkGrains.Grains.Tests;

/// <summary>The default detector's cold-start layer as device grains run it: extreme values alarm from a series' first points.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ColdStartDetectionTests(ClusterFixture fixture)
{
    private static readonly double Threshold = new DeviceOptions().DetectorThreshold;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds());
    private static readonly SeriesKey Load = new("load", "");

    /// <summary>Alternately 9 and 11 (median 10, one robust deviation 1.4826), then <paramref name="last"/>.</summary>
    private static DetectorVerdict[] Verdicts(int points, double last)
    {
        var detectors = new SeriesDetectors(Threshold, saved: null);
        for (var i = 0; i < points; i++) detectors.Accepted(Load, Start.AddMinutes(i).ToUnixTimeSeconds(), i % 2 == 0 ? 9 : 11);
        detectors.Accepted(Load, Start.AddMinutes(points).ToUnixTimeSeconds(), last);
        return detectors.TakeNew();
    }

    [Fact]
    public void Thirty_points_then_a_value_eight_robust_deviations_out_is_a_verdict_that_says_why()
    {
        var verdict = Assert.Single(Verdicts(30, 10 + 8.0001 * 1.4826));
        Assert.Equal((ColdStartRule.Name, 10.0, Start.AddMinutes(30)), (verdict.Detector, verdict.Expected, verdict.Timestamp));
        Assert.Equal(10 - 8 * 1.4826, verdict.Low!.Value, precision: 9);
        Assert.Equal(10 + 8 * 1.4826, verdict.High!.Value, precision: 9);
        Assert.True(verdict.Score >= verdict.Threshold);
        Assert.Equal([(DefaultDetector.Name, false), (ColdStartRule.Name, true)], verdict.Contributions!.Select(c => (c.Detector, c.Fired)));
        Assert.Equal(verdict.Score, verdict.Contributions![1].Score);

        var explanation = Assert.Single(AnomalyClassifier.FromVerdict("d", verdict).Explanation);
        Assert.Equal((10.0, verdict.Low, verdict.High), (explanation.Baseline, explanation.Low, explanation.High));
        Assert.Equal(verdict.Contributions, explanation.Detectors);
    }

    [Fact]
    public void Twenty_nine_points_or_seven_point_nine_deviations_are_no_verdict()
    {
        Assert.Empty(Verdicts(29, 1_000));
        Assert.Empty(Verdicts(30, 10 + 7.9 * 1.4826));
    }

    [Fact]
    public void A_calibrated_default_detector_s_verdict_names_it_and_what_it_expected()
    {
        var detectors = new SeriesDetectors(Threshold, saved: null);
        foreach (var reading in CpuReadings.From(Start, 0, 1600, 95, 1500)) detectors.Accepted(Load, reading.Timestamp.ToUnixTimeSeconds(), reading.Value);

        var verdict = Assert.Single(detectors.TakeNew());
        Assert.Equal((DefaultDetector.Name, Start.AddMinutes(1500)), (verdict.Detector, verdict.Timestamp));
        Assert.InRange(verdict.Expected!.Value, 19, 23);
        Assert.Null(verdict.Low);
        Assert.Equal([(DefaultDetector.Name, true)], verdict.Contributions!.Select(c => (c.Detector, c.Fired)));
    }

    [Fact]
    public async Task Six_hundred_readings_around_40_with_the_last_ten_at_98_are_a_verdict_from_that_request_and_an_anomaly()
    {
        var device = await fixture.RegisterDeviceAsync("cold");
        var random = new Random(600);
        var readings = Enumerable.Range(0, 600)
            .Select(i => new Reading("cpu", null, Start.AddMinutes(i), i >= 590 ? 98 : Math.Round(40 + random.NextDouble() * 10 - 5, 1), MetricKind.Gauge))
            .ToArray();

        await device.Ingest(new TelemetryBatch(readings));

        var verdict = Assert.Single(await device.GetVerdicts(20));
        Assert.Equal((Start.AddMinutes(590), 98.0, ColdStartRule.Name), (verdict.Timestamp, verdict.Value, verdict.Detector));
        Assert.InRange(verdict.Expected!.Value, 38, 42);
        var anomaly = await Poll.ValueAsync(async () =>
            (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, device.GetPrimaryKeyString(), 1, 10))).Items.SingleOrDefault());
        Assert.Equal(AnomalyCategory.Cpu, anomaly.Category);
        Assert.Contains(anomaly.Explanation[0].Detectors!, c => c is { Detector: ColdStartRule.Name, Fired: true });
        Assert.True(anomaly.Explanation[0].High < 98);
    }

    [Fact]
    public async Task A_new_series_starts_from_its_peers_prior_and_judges_from_its_first_points()
    {
        var role = $"edge-{Guid.NewGuid():N}";
        for (var p = 0; p < 5; p++)
        {
            var peer = await RegisterAsync("peer", role);
            await peer.Ingest(new TelemetryBatch(Flows(Start, 0, 19, p)));
            await peer.Flush(); // reports its series: 19 points in 3 minutes, 4 learnt (one a minute)
        }
        var young = await RegisterAsync("young", role);
        await young.Ingest(new TelemetryBatch(Flows(Start, 0, 5, 9)));
        await young.Flush(); // too young to judge: asks its peers

        await young.Ingest(new TelemetryBatch([new Reading("flowInFlows", "1", Start.AddSeconds(50), 405, MetricKind.Gauge)]));

        var verdict = Assert.Single(await young.GetVerdicts(10));
        Assert.Equal((ColdStartRule.Name, "1"), (verdict.Detector, verdict.Instance));
        Assert.InRange(verdict.Expected!.Value, 4, 6);
    }

    [Fact]
    public void Detector_state_of_an_older_format_starts_afresh_and_is_logged_once_however_many_series_have_it()
    {
        var legacy = new CompactRarityDetector(Threshold);
        for (var i = 0; i < 600; i++) legacy.Score(Start.AddMinutes(i).UtcDateTime, 40);
        var saved = new Dictionary<SeriesKey, byte[]> { [Load] = legacy.Save(), [new SeriesKey("mem", "")] = legacy.Save() };
        var logger = new ListLogger();
        var older = new OlderSnapshots();
        var detectors = new SeriesDetectors(Threshold, saved, olderFormat: format => older.Found(logger, "d", format));
        var again = new SeriesDetectors(Threshold, new Dictionary<SeriesKey, byte[]>(saved), olderFormat: format => older.Found(logger, "e", format));

        foreach (var series in new[] { detectors, again })
        {
            series.Accepted(Load, Start.AddMinutes(600).ToUnixTimeSeconds(), 40);
            series.Accepted(new SeriesKey("mem", ""), Start.AddMinutes(600).ToUnixTimeSeconds(), 40);
        }

        var message = Assert.Single(logger.Messages);
        Assert.Contains("unlayered, format 4", message);
        Assert.Equal(1, detectors.All[Load].Rule.Count); // afresh: the 600 points before are not there
        var restored = new SeriesDetectors(Threshold, detectors.Snapshot(), olderFormat: _ => Assert.Fail("a current snapshot is not of an older format"));
        restored.Accepted(Load, Start.AddMinutes(601).ToUnixTimeSeconds(), 40);
        Assert.Equal(2, restored.All[Load].Rule.Count);
    }

    [Fact]
    public void A_snapshot_cut_short_starts_afresh_without_an_older_format()
    {
        var detectors = new SeriesDetectors(Threshold, saved: null);
        detectors.Accepted(Load, Start.ToUnixTimeSeconds(), 1);
        var bytes = detectors.Snapshot()[Load];
        var cut = new SeriesDetectors(Threshold, new() { [Load] = bytes[..(bytes.Length / 2)] }, olderFormat: _ => Assert.Fail("not an older format"));
        cut.Accepted(Load, Start.AddMinutes(1).ToUnixTimeSeconds(), 1);
        Assert.Equal(1, cut.All[Load].Rule.Count);
    }

    [Fact]
    public void The_default_detector_ranks_points_from_332_and_reaches_the_device_threshold_from_1032()
    {
        Assert.Equal(new ColdStartLayer.Calibration(332, 1_032), DefaultDetector.Calibration(0.999));
        Assert.Equal(new ColdStartLayer.Calibration(332, 332), DefaultDetector.Calibration(CompactRarityDetector.NabAlarm));
    }

    private async Task<IDeviceGrain> RegisterAsync(string prefix, string role)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}";
        var address = $"10.{Random.Shared.Next(128, 192)}.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}";
        await fixture.Cluster.GrainFactory.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key)
            .Register(new DeviceRecord(id, id, address, null, role, null, null, [], null));
        return fixture.Cluster.GrainFactory.GetGrain<IDeviceGrain>(id);
    }

    /// <summary>Ten-second flow rates of interface 1: about 5 flows a second.</summary>
    private static Reading[] Flows(DateTimeOffset start, int from, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(from, count).Select(i => new Reading("flowInFlows", "1", start.AddSeconds(10 * i), 4.4 + random.Next(13) / 10.0, MetricKind.Gauge))];
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
