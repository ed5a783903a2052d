namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// One simulated router, switch or firewall: per-interface traffic with a daily cycle and noise, error counters, a
/// CPU load, and the incidents planned for it. Counters only grow: <see cref="Advance"/> integrates the rates up to
/// a time, so the history posted at start and the live polls later read one continuous device.
/// </summary>
public sealed class FleetDevice
{
    private readonly double[] _baseBytesPerSecond;
    private readonly ulong[] _inOctets;
    private readonly ulong[] _outOctets;
    private readonly double[] _inErrors;
    private readonly Lock _lock = new();
    private DateTimeOffset _at;

    public FleetDevice(int index, int interfaces, DateTimeOffset start)
    {
        Index = index;
        Role = (index % 3) switch { 0 => "router", 1 => "switch", _ => "firewall" };
        Id = $"sim-{Role}-{index:D3}";
        Interfaces = interfaces;
        Address = System.Net.IPAddress.Parse($"127.1.{index / 250}.{index % 250 + 1}");
        _baseBytesPerSecond = [.. Enumerable.Range(1, interfaces).Select(i => (Role == "switch" ? 2e6 : 6e6) * (1 + i % 4) * (1 + index % 5) / 4)];
        _inOctets = new ulong[interfaces];
        _outOctets = new ulong[interfaces];
        _inErrors = new double[interfaces];
        _at = start;
        Boot = start;
    }

    public int Index { get; }
    public string Id { get; }
    public string Role { get; }
    public int Interfaces { get; }
    public System.Net.IPAddress Address { get; }
    public DateTimeOffset Boot { get; }
    /// <summary>Set once the run starts (one reference swap: the agent's threads read it meanwhile).</summary>
    public Incident[] Incidents { get; set; } = [];

    /// <summary>Moves the device's counters on to <paramref name="time"/> (earlier times are ignored).</summary>
    public void Advance(DateTimeOffset time)
    {
        lock (_lock)
        {
            for (var t = _at; t < time;)
            {
                var next = t.AddSeconds(10) < time ? t.AddSeconds(10) : time;
                var seconds = (next - t).TotalSeconds;
                for (var i = 0; i < Interfaces; i++)
                {
                    var rate = BytesPerSecond(i + 1, t);
                    _inOctets[i] += (ulong)(rate * seconds);
                    _outOctets[i] += (ulong)(rate * 0.7 * seconds);
                    _inErrors[i] += ErrorsPerSecond(i + 1, t) * seconds;
                }
                t = next;
            }
            if (time > _at) _at = time;
        }
    }

    public (ulong In, ulong Out, uint Errors) Counters(int ifIndex)
    {
        lock (_lock) return (_inOctets[ifIndex - 1], _outOctets[ifIndex - 1], (uint)_inErrors[ifIndex - 1]);
    }

    public bool IsUp(int ifIndex, DateTimeOffset time) => !Active(IncidentKind.LinkFlap, time, ifIndex);

    /// <summary>CPU load in percent: a daily cycle, noise that changes once a minute, and the CPU incidents.</summary>
    public double Cpu(DateTimeOffset time)
    {
        if (Active(IncidentKind.CpuSaturation, time, null)) return 96 + 3 * Noise(time, 99);
        var drift = Incidents.FirstOrDefault(x => x.Kind == IncidentKind.SlowDrift && time >= x.Start) is { } d ? 45 * d.Progress(time) : 0;
        return Math.Clamp(18 + 20 * Daily(time) + 3 * Noise(time, 98) + drift, 0, 100);
    }

    public double BytesPerSecond(int ifIndex, DateTimeOffset time)
    {
        if (Active(IncidentKind.LinkFlap, time, ifIndex)) return 0;
        var rate = _baseBytesPerSecond[ifIndex - 1] * (0.25 + 0.75 * Daily(time)) * (1 + 0.05 * Noise(time, ifIndex));
        return Active(IncidentKind.TrafficDrop, time, ifIndex) ? rate * 0.02 : rate;
    }

    public bool Active(IncidentKind kind, DateTimeOffset time, int? ifIndex) =>
        Incidents.Any(x => x.Kind == kind && x.ActiveAt(time) && (ifIndex is null || x.Interface == ifIndex));

    /// <summary>Healthy links count no errors; a burst counts hundreds a second.</summary>
    private double ErrorsPerSecond(int ifIndex, DateTimeOffset time) => Active(IncidentKind.ErrorBurst, time, ifIndex) ? 250 : 0;

    /// <summary>0 at night to 1 in the afternoon (UTC), a smooth daily cycle.</summary>
    private static double Daily(DateTimeOffset time) => 0.5 + 0.5 * Math.Sin(2 * Math.PI * (time.UtcDateTime.TimeOfDay.TotalHours - 8) / 24);

    /// <summary>A value in [-1, 1], the same for a whole minute of a series: 10-second polls and minute history agree.</summary>
    private double Noise(DateTimeOffset time, int series)
    {
        var h = (ulong)Index * 0x9E3779B97F4A7C15 ^ (ulong)series * 0xC2B2AE3D27D4EB4F ^ (ulong)(time.ToUnixTimeSeconds() / 60) * 0x165667B19E3779F9;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        return (h & 0xFFFF) / 32767.5 - 1;
    }
}
