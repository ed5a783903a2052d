using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.Ui.Views;

/// <summary>
/// The anomaly's series around it: from half an hour before it was first seen to half an hour after it was last
/// (raw while the device's window still holds that, else 1-minute rollups), with the anomaly and the verdicts marked.
/// Null for a device event that has no series (a trap, a syslog event).
/// </summary>
public sealed class AnomalyMoment(IGrainFactory grains, TelemetryReads telemetry, TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(30);

    public async Task<ChartData?> ChartAsync(Anomaly anomaly, CancellationToken cancellationToken)
    {
        var device = grains.GetGrain<IDeviceGrain>(anomaly.DeviceId);
        if ((await device.GetSeries()).FirstOrDefault(s => s.Metric == anomaly.Metric && s.Instance == anomaly.Instance) is not { } series) return null;
        var from = anomaly.FirstSeen - Margin;
        var now = clock.GetUtcNow();
        var to = anomaly.LastSeen + Margin < now ? anomaly.LastSeen + Margin : now;
        var raw = await telemetry.Raw(anomaly.DeviceId, anomaly.Metric, anomaly.Instance, from, to);
        var points = raw.Length > 0 && raw[0].Timestamp <= anomaly.FirstSeen
            ? ChartData.FromRaw(raw, from, to)
            : ChartData.FromRollups(await telemetry.Rollups(anomaly.DeviceId, anomaly.Metric, anomaly.Instance, from, to, cancellationToken), from, to);
        return ChartData.Of(series, from, to, points, await device.GetVerdicts(Limits.VerdictsKept),
            [new ChartSpan(anomaly.FirstSeen, anomaly.LastSeen, SnakeCaseNames.Of(anomaly.Severity), SnakeCaseNames.Of(anomaly.Category))]);
    }
}
