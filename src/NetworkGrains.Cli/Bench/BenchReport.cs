using System.Diagnostics;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// One figure of a benchmark scenario as the suite's table shows it: throughput (with its unit), latency, CPU time
/// per unit of work, this process's peak memory, the reference tool measured in the same run and our ratio to it,
/// and the target with its verdict. Null where a scenario does not measure that.
/// </summary>
public sealed record BenchRow(
    string Scenario, string Figure, double? Throughput, string Unit, double? P50Ms, double? P99Ms, double? CpuSecondsPerUnit,
    string? CpuUnit, string? Reference, double? Ratio, string Target, bool? Pass, double PeakMemoryMb = 0);

/// <summary>The rows a scenario reports; `--report FILE` (taken by Program) writes them out when the scenario ends.</summary>
public static class BenchReport
{
    private static readonly List<BenchRow> Rows = [];
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Add(BenchRow row)
    {
        lock (Rows) Rows.Add(row);
    }

    public static void Write(string path)
    {
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        lock (Rows) File.WriteAllText(path, JsonSerializer.Serialize(Rows.Select(r => r with { PeakMemoryMb = peak }), Json));
    }

    public static string Verdict(bool? pass) => pass switch { true => "PASS", false => "FALL SHORT", null => "-" };
}
