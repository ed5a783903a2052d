using NetworkGrains.Cli.Simulate;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Detection;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Cli.Tests;

/// <summary>
/// What `ngctl simulate` then `ngctl evaluate` (and their CI test) rely on, without a silo: after the simulator's day
/// of minute history, a CPU pinned at 93-99 % on 2 s polls is a verdict of the detector device grains run, whatever
/// the time of day and the device. (A score just under the threshold in the history or at the incident's first
/// poll once damped the rest of it below the threshold: missed in about 8 % of start times.)
/// </summary>
public sealed class CpuSaturationDetectionTests
{
    private static readonly SeriesKey Cpu = new("hrProcessorLoad", "1");

    [Fact]
    public void A_saturated_cpu_after_a_day_of_history_is_a_verdict_at_every_time_of_day_on_every_device()
    {
        var threshold = new DeviceOptions().DetectorThreshold;
        var missed = new List<string>();
        for (var index = 0; index < 3; index++)
        {
            for (var minute = 0; minute < 24 * 60; minute += 7)
            {
                var runStart = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero).AddMinutes(minute).AddSeconds(minute % 60);
                if (!Detected(index, runStart, threshold)) missed.Add($"device {index} at {runStart:HH:mm:ss}");
            }
        }

        Assert.True(missed.Count == 0, $"missed {missed.Count}: {string.Join(", ", missed)}");
    }

    private static bool Detected(int index, DateTimeOffset runStart, double threshold)
    {
        var device = new FleetDevice(index, 2, runStart.AddDays(-1));
        var detectors = new SeriesDetectors(threshold, saved: null);
        for (var time = device.Boot.AddMinutes(1); time <= runStart; time = time.AddMinutes(1))
            detectors.Accepted(Cpu, time.ToUnixTimeSeconds(), Math.Round(device.Cpu(time)));
        detectors.TakeNew(); // the history's verdicts

        var incident = new Incident(device.Id, IncidentKind.CpuSaturation, 1, runStart.AddSeconds(15), runStart.AddSeconds(30));
        device.Incidents = [incident];
        for (var time = runStart.AddSeconds(2); time <= incident.End; time = time.AddSeconds(2))
            detectors.Accepted(Cpu, time.ToUnixTimeSeconds(), Math.Round(device.Cpu(time)));
        return detectors.TakeNew().Any(verdict => verdict.Timestamp >= incident.Start);
    }
}
