using System.Diagnostics;

namespace NetworkGrains.Cli.Bench;

/// <summary>What Linux says about a process and about UDP: CPU time from /proc/PID/stat, receive-buffer drops from /proc/net/snmp.</summary>
public static class ProcessStats
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond); // utime + stime
    }

    /// <summary>Datagrams the kernel dropped because a socket's receive buffer was full (all UDP sockets).</summary>
    public static long UdpReceiveBufferErrors()
    {
        var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ');
        var values = lines[1].Split(' ');
        return long.Parse(values[Array.IndexOf(names, "RcvbufErrors")]);
    }

    /// <summary>Asks a process to stop the way a service manager does (SIGTERM), so it writes what it holds.</summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static Process StartSelf(string arguments)
    {
        var self = BenchSuite.Self(arguments);
        self.RedirectStandardOutput = true;
        return Process.Start(self)!;
    }
}
