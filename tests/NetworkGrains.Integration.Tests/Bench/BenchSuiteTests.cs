using System.Text.Json;
using NetworkGrains.Integration.Tests.Simulation;

namespace NetworkGrains.Integration.Tests.Bench;

/// <summary>
/// `ngctl bench --quick --json FILE` runs every scenario briefly (with snmptrapd, rsyslogd, nfcapd and raw ONNX Runtime as the
/// references) and writes every figure with its target and verdict. No timing is asserted: only that each scenario
/// ran and reported what the table promises.
/// </summary>
public sealed class BenchSuiteTests
{
    [Fact]
    public async Task The_quick_suite_runs_every_scenario_and_writes_the_json()
    {
        var json = Path.Combine(Path.GetTempPath(), $"ng-bench-{Guid.NewGuid():N}.json");
        var output = await Tools.NgctlAsync(new Dictionary<string, string> { ["ORT_DISABLE_TELEMETRY"] = "1" }, "bench", "--quick", "--json", json);
        Assert.Contains("summary (--quick", output);

        var report = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        File.Delete(json);
        Assert.Empty(report.GetProperty("failed").EnumerateArray());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        foreach (var scenario in new[] { "ingest", "memory", "traps", "syslog", "flows", "polling", "inference", "actions", "e2e" })
            Assert.Contains(rows, r => r.GetProperty("scenario").GetString() == scenario);
        Assert.All(rows, r =>
        {
            Assert.True(r.GetProperty("throughput").GetDouble() > 0, r.ToString());
            Assert.True(r.GetProperty("peakMemoryMb").GetDouble() > 0, r.ToString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("target").GetString()), r.ToString());
            var diagnostic = r.GetProperty("target").GetString()!.StartsWith("diagnostic", StringComparison.Ordinal);
            Assert.True(r.GetProperty("pass").ValueKind is JsonValueKind.True or JsonValueKind.False || diagnostic && r.GetProperty("pass").ValueKind is JsonValueKind.Null, r.ToString());
        });
        foreach (var (scenario, reference) in new[] { ("traps", "snmptrapd"), ("syslog", "rsyslogd"), ("flows", "nfcapd"), ("inference", "raw ONNX Runtime") })
            Assert.Contains(rows, r => r.GetProperty("scenario").GetString() == scenario && r.GetProperty("reference").GetString() == reference
                                       && r.GetProperty("ratio").GetDouble() > 0);
    }
}
