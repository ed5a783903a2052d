using System.Diagnostics;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// `ngctl bench [scenario ...] [--quick] [--json FILE]`: runs each scenario in its own process (so that each one's
/// peak memory is its own), shows their output, then one table of every figure with its target and verdict.
/// `--quick` runs each briefly and small: a check that everything runs, not figures to quote.
/// </summary>
public static class BenchSuite
{
    public static readonly string[] Scenarios = ["ingest", "memory", "traps", "syslog", "flows", "polling", "inference", "actions", "e2e"];

    /// <summary>Every path still warmed before it is timed, and every reference fed the same stream: only shorter and smaller.</summary>
    private static readonly Dictionary<string, string> QuickOptions = new()
    {
        ["ingest"] = "--devices 1000 --workers 100 --warmup 1 --seconds 1",
        ["memory"] = "--devices 250",
        ["traps"] = "--rate 5000 --seconds 1 --sources 10 --warmup 1 --settle 1 --quiet 0.6",
        ["syslog"] = "--rate 5000 --seconds 1 --sources 10 --warmup 1 --quiet 0.6",
        ["flows"] = "--rate 20000 --seconds 1 --exporters 5 --peak-seconds 1 --warmup 1 --idle-seconds 0.5 --decoder-seconds 0.25 --drain-seconds 0.5",
        ["polling"] = "--devices 100 --interfaces 4 --interval 2",
        ["inference"] = "--seconds 0.5 --rounds 1 --warmup 0.5",
        ["actions"] = "--rate 100 --seconds 1 --warmup 1",
        ["e2e"] = "--rate 20 --seconds 2 --settle 1",
    };

    /// <summary>Whether the words after `bench` ask for the suite: nothing, `all`, flags, or more than one scenario.</summary>
    public static bool Handles(string[] words) =>
        words.Length == 0 || words[0] is "all" or "--quick" or "--json" || (words.Length > 1 && Scenarios.Contains(words[0]) && (Scenarios.Contains(words[1]) || words[1] == "--quick"));

    public static async Task<int> RunAsync(string[] words)
    {
        var scenarios = new List<string>();
        var (quick, json) = (false, (string?)null);
        for (var i = 0; i < words.Length; i++)
        {
            switch (words[i])
            {
                case "all": scenarios.AddRange(Scenarios); break;
                case "--quick": quick = true; break;
                case "--json" when i + 1 < words.Length: json = words[++i]; break;
                case var scenario when Scenarios.Contains(scenario): scenarios.Add(scenario); break;
                default: throw new UsageException($"'{words[i]}' is not a scenario ({string.Join(", ", Scenarios)}) or an option of the suite");
            }
        }
        if (scenarios.Count == 0) scenarios.AddRange(Scenarios);

        var rows = new List<BenchRow>();
        var failed = new List<string>();
        foreach (var scenario in scenarios.Distinct())
        {
            var report = Path.Combine(Path.GetTempPath(), $"ngctl-bench-{scenario}-{Guid.NewGuid():N}.json");
            var arguments = $"bench {scenario} {(quick ? QuickOptions[scenario] : "")} --report {report}";
            using var child = Process.Start(Self(arguments))!;
            await child.WaitForExitAsync();
            if (child.ExitCode != 0 || !File.Exists(report)) failed.Add(scenario);
            if (File.Exists(report))
            {
                rows.AddRange(JsonSerializer.Deserialize<BenchRow[]>(await File.ReadAllTextAsync(report), BenchReport.Json) ?? []);
                File.Delete(report);
            }
        }

        Print(rows, quick);
        if (json is not null)
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                date = DateTimeOffset.UtcNow, quick, cores = Environment.ProcessorCount, scenarios, failed, rows,
            }, BenchReport.Json));
        if (failed.Count > 0) Console.Error.WriteLine($"ngctl bench: {string.Join(", ", failed)} did not finish");
        return failed.Count == 0 ? 0 : 1;
    }

    private static void Print(List<BenchRow> rows, bool quick)
    {
        Console.WriteLine();
        Console.WriteLine(quick ? "summary (--quick: short and small runs, not figures to quote)" : "summary");
        Console.WriteLine($"{"scenario",-10} {"figure",-32} {"throughput",28} {"p50 ms",8} {"p99 ms",8} {"CPU-s per unit",26} {"peak MiB",9} {"vs reference",24}  {"target",-32} verdict");
        foreach (var r in rows)
        {
            var throughput = r.Throughput is { } t ? $"{t:N0} {r.Unit}" : "-";
            var cpu = r.CpuSecondsPerUnit is { } c ? $"{c:G3} {r.CpuUnit?.Replace("CPU-s ", "")}" : "-";
            var reference = r.Ratio is { } ratio ? $"{ratio:F2}x {r.Reference}" : "-";
            Console.WriteLine($"{r.Scenario,-10} {r.Figure,-32} {throughput,28} {Ms(r.P50Ms),8} {Ms(r.P99Ms),8} {cpu,26} {r.PeakMemoryMb,9:N0} {reference,24}  {r.Target,-32} {BenchReport.Verdict(r.Pass)}");
        }
    }

    private static string Ms(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>This program again (as the apphost `ngctl`, or `dotnet ngctl.dll`), with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo Self(string arguments)
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? new ProcessStartInfo(path, $"\"{typeof(BenchSuite).Assembly.Location}\" {arguments}")
            : new ProcessStartInfo(path, arguments);
    }
}
