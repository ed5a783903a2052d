using NetworkGrains.Cli.Simulate;

namespace NetworkGrains.Cli.Tests;

public sealed class IncidentScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_incident_gets_its_own_device_and_every_role_gets_some()
    {
        var devices = Enumerable.Range(0, 20).Select(i => new FleetDevice(i, 4, Start)).ToList();
        var kinds = Enum.GetValues<IncidentKind>();
        var plan = IncidentSchedule.Plan(devices, kinds, Start, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(60));

        Assert.Equal(kinds, plan.Select(i => i.Kind));
        Assert.Equal(plan.Length, plan.Select(i => i.Device).Distinct().Count());
        Assert.Equal(3, plan.Select(i => devices.Single(d => d.Id == i.Device).Role).Distinct().Count());
        Assert.Equal(Start.AddSeconds(30 + 45 * 2), plan[2].Start);
        Assert.All(plan, i => Assert.Equal(TimeSpan.FromSeconds(60), i.End - i.Start));
        Assert.Equal(4, plan.Single(i => i.Kind == IncidentKind.ErrorBurst).Interface);
    }

    [Fact]
    public void Incident_names_read_back_and_unknown_ones_are_refused()
    {
        foreach (var kind in Enum.GetValues<IncidentKind>()) Assert.Equal(kind, GroundTruth.ParseKind(GroundTruth.Name(kind)));
        Assert.Equal("cpu_saturation", GroundTruth.Name(IncidentKind.CpuSaturation));
        Assert.Contains("link_flap", Assert.Throws<UsageException>(() => GroundTruth.ParseKind("meteor_strike")).Message);
    }

    [Fact]
    public void The_ground_truth_survives_a_round_trip_through_its_file()
    {
        var truth = new GroundTruth(Start, Start.AddMinutes(5), ["a", "b"], [new Incident("a", IncidentKind.FlowFlood, 1, Start, Start.AddMinutes(1))]);
        var file = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.json");
        truth.Write(file);
        var read = GroundTruth.Read(file);
        File.Delete(file);
        Assert.Equal(truth.Incidents, read.Incidents);
        Assert.Equal(truth.Devices, read.Devices);
        Assert.Equal(truth.RunStart, read.RunStart);
    }
}
