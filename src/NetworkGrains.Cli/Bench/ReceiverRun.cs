namespace NetworkGrains.Cli.Bench;

/// <summary>What a paced stream into one receiver process came to (ours or a reference tool's): sent, received, kernel buffer drops, the process's CPU.</summary>
public sealed record ReceiverRun(long Sent, long Received, long KernelDrops, TimeSpan Cpu)
{
    public long Lost => Sent - Received;
    public double PerCpuSecond => Received / Math.Max(Cpu.TotalSeconds, 0.01);

    public void Print(string name, string unit) => Console.WriteLine(
        $"  {name,-14} sent {Sent,10:N0}  received {Received,10:N0}  lost {Lost,8:N0}  kernel drops {KernelDrops,8:N0}  " +
        $"CPU {Cpu.TotalSeconds,6:F1} s  {PerCpuSecond,12:N0} {unit}/CPU-s");

    /// <summary>Runs a sender (`ngctl bench {arguments}`) in its own process, so that receivers are measured alone; the number it sent.</summary>
    public static async Task<long> SendAsync(string arguments)
    {
        using var sender = ProcessStats.StartSelf($"bench {arguments}");
        var output = await sender.StandardOutput.ReadToEndAsync();
        await sender.WaitForExitAsync();
        return long.Parse(output.Trim());
    }
}
