namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// Places the incidents: the first after <c>first</c>, one every <c>gap</c>, each lasting <c>length</c>, each on
/// its own device where the fleet is large enough (spread through it, routers, switches and firewalls in turn), on
/// interface 1 (errors on the last).
/// </summary>
public static class IncidentSchedule
{
    public static Incident[] Plan(IReadOnlyList<FleetDevice> devices, IReadOnlyList<IncidentKind> kinds, DateTimeOffset runStart,
        TimeSpan first, TimeSpan gap, TimeSpan length)
    {
        var incidents = new Incident[kinds.Count];
        for (var k = 0; k < kinds.Count; k++)
        {
            var step = Math.Max(1, devices.Count / kinds.Count);
            var device = devices[(k * step + k % 3) % devices.Count];
            var start = runStart + first + gap * k;
            var iface = kinds[k] == IncidentKind.ErrorBurst ? device.Interfaces : 1;
            incidents[k] = new Incident(device.Id, kinds[k], iface, start, start + length);
        }
        return incidents;
    }
}
