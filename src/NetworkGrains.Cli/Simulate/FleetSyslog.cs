using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetworkGrains.Cli.Bench;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// The fleet's syslog, as Cisco IOS sends it (message counter, clock, %FACILITY-SEVERITY-MNEMONIC) from each device's
/// own address: a link flap's %LINK-3-UPDOWN and, a second later, %LINEPROTO-5-UPDOWN, down and then up; a CPU
/// saturation's %SYS-3-CPUHOG; and, from every device every 30 s, an access-list line (routine traffic). Sockets of
/// their own, so that an unreachable syslog port never disturbs the SNMP agents.
/// </summary>
public sealed class FleetSyslog(IReadOnlyList<FleetDevice> devices, IPEndPoint receiver) : IDisposable
{
    private static readonly TimeSpan Routine = TimeSpan.FromSeconds(30);
    private readonly Socket[] _sockets = SenderSockets.BoundTo(devices.Select(d => d.Address));
    private readonly Dictionary<string, int> _index = devices.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i);
    private readonly List<(DateTimeOffset At, int Device, string Text)> _pending = [];
    private readonly int[] _counters = new int[devices.Count];
    private DateTimeOffset _lastRoutine = DateTimeOffset.MinValue;

    public int Sent { get; private set; }
    public int Failed { get; private set; }

    /// <summary>The lines an incident's start (or end) makes its device log.</summary>
    public void Incident(Incident incident, bool starting, DateTimeOffset now)
    {
        var device = _index[incident.Device];
        var state = starting ? "down" : "up";
        var name = $"GigabitEthernet0/{incident.Interface}";
        switch (incident.Kind)
        {
            case IncidentKind.LinkFlap:
                _pending.Add((now.AddSeconds(1), device, $"<187>%LINK-3-UPDOWN: Interface {name}, changed state to {state}"));
                _pending.Add((now.AddSeconds(2), device, $"<189>%LINEPROTO-5-UPDOWN: Line protocol on Interface {name}, changed state to {state}"));
                break;
            case IncidentKind.CpuSaturation when starting:
                _pending.Add((now, device, "<187>%SYS-3-CPUHOG: Task is running for (2004)msecs, more than (2000)msecs (12/5),process = IP Input."));
                break;
        }
    }

    /// <summary>Sends what is due by <paramref name="now"/>, and the routine lines every 30 s (each device at its own second).</summary>
    public async Task SendDueAsync(DateTimeOffset now)
    {
        if (now - _lastRoutine >= Routine)
        {
            _lastRoutine = now;
            for (var i = 0; i < devices.Count; i++)
                _pending.Add((now.AddSeconds(i % (int)Routine.TotalSeconds), i,
                    $"<190>%SEC-6-IPACCESSLOGP: list EDGE-IN denied tcp 198.51.100.{i % 250 + 1}({40000 + i}) -> 10.0.0.1(22), 1 packet"));
        }
        foreach (var (at, device, text) in _pending.Where(p => p.At <= now).ToList())
        {
            _pending.Remove((at, device, text));
            await SendAsync(device, text, now);
        }
    }

    /// <summary>"&lt;PRI&gt;N: *Mar  1 10:00:00.123 UTC: %..." as IOS sends it with a message counter and millisecond timestamps.</summary>
    private async Task SendAsync(int device, string line, DateTimeOffset now)
    {
        var pri = line[..(line.IndexOf('>') + 1)];
        var clock = now.UtcDateTime.ToString("MMM d HH:mm:ss.fff", CultureInfo.InvariantCulture);
        if (now.Day < 10) clock = clock.Insert(4, " ");
        var text = $"{pri}{++_counters[device]}: {clock} UTC: {line[pri.Length..]}";
        try
        {
            await _sockets[device].SendToAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, receiver);
            Sent++;
        }
        catch (SocketException)
        {
            Failed++; // nothing listens there (an unreachable port answered an earlier line)
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets) socket.Dispose();
    }
}
