using NetworkGrains.Cli.Simulate;

namespace NetworkGrains.Cli.Tests;

public sealed class FleetDeviceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static FleetDevice Device(params Incident[] incidents)
    {
        var device = new FleetDevice(3, 2, Start);
        device.Incidents = incidents;
        return device;
    }

    [Fact]
    public void Counters_only_grow_and_follow_the_daily_cycle()
    {
        var device = Device();
        var (night, day) = (0.0, 0.0);
        ulong previous = 0;
        for (var minute = 1; minute <= 24 * 60; minute++)
        {
            var time = Start.AddMinutes(minute);
            device.Advance(time);
            var (inOctets, _, errors) = device.Counters(1);
            Assert.True(inOctets >= previous);
            Assert.Equal(0u, errors); // healthy links count no errors
            var rate = (inOctets - previous) / 60.0;
            if (time.Hour == 2) night += rate;
            if (time.Hour == 14) day += rate;
            previous = inOctets;
        }
        Assert.True(day > 2 * night, $"afternoon {day} vs night {night}");
    }

    [Fact]
    public void Incidents_change_what_the_device_reports_only_while_they_last()
    {
        var at = Start.AddHours(14);
        var device = Device(
            new Incident("d", IncidentKind.LinkFlap, 1, at, at.AddMinutes(1)),
            new Incident("d", IncidentKind.ErrorBurst, 2, at, at.AddMinutes(1)),
            new Incident("d", IncidentKind.CpuSaturation, 1, at, at.AddMinutes(1)),
            new Incident("d", IncidentKind.TrafficDrop, 2, at.AddMinutes(2), at.AddMinutes(3)));
        Assert.False(device.IsUp(1, at.AddSeconds(30)));
        Assert.True(device.IsUp(2, at.AddSeconds(30)));
        Assert.True(device.IsUp(1, at.AddMinutes(1)));
        Assert.Equal(0, device.BytesPerSecond(1, at.AddSeconds(30)));
        Assert.True(device.Cpu(at.AddSeconds(30)) >= 93);
        Assert.True(device.Cpu(at.AddMinutes(5)) < 60);
        Assert.True(device.BytesPerSecond(2, at.AddMinutes(2.5)) < 0.05 * device.BytesPerSecond(2, at.AddMinutes(4)));

        device.Advance(at);
        var before = device.Counters(2).Errors;
        device.Advance(at.AddMinutes(1));
        Assert.InRange(device.Counters(2).Errors - before, 14_000u, 16_000u); // 250 a second for a minute
    }

    [Fact]
    public void A_slow_drift_raises_the_load_gradually()
    {
        var at = Start.AddHours(3);
        var device = Device(new Incident("d", IncidentKind.SlowDrift, 1, at, at.AddMinutes(10)));
        var loads = Enumerable.Range(0, 11).Select(m => device.Cpu(at.AddMinutes(m))).ToArray();
        Assert.True(loads[10] - loads[0] > 30, string.Join(", ", loads));
        Assert.True(loads[5] > loads[0] + 10 && loads[5] < loads[10] - 10, string.Join(", ", loads));
    }
}
