using System.Diagnostics;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests.Simulation;

/// <summary>ngctl and the reference tools as a person runs them: their standard output, or the test fails with their errors.</summary>
internal static class Tools
{
    public static Task<string> NgctlAsync(IDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync("dotnet", [SiloProcess.BuiltDll("NetworkGrains.Cli", "ngctl.dll"), .. arguments], environment);

    /// <summary>
    /// `ngctl evaluate` of a run against a silo, again until <paramref name="found"/> holds for its recall per incident
    /// kind (the silo is still taking the run's last readings when the simulator stops): the table it printed last.
    /// </summary>
    public static async Task<string> EvaluateUntilAsync(
        IDictionary<string, string> environment, string truth, string url, string json, Func<Dictionary<string, double>, bool> found, Func<string> context)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var table = await NgctlAsync(environment, "evaluate", "--truth", truth, "--silo", url, "--json", json);
            var recall = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("kinds").EnumerateArray()
                .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("recall").GetDouble());
            if (found(recall)) return table;
            Assert.True(DateTime.UtcNow < deadline, $"not found within 60 s:\n{table}\n{context()}");
            await Task.Delay(500);
        }
    }

    public static async Task<string> RunAsync(string tool, string[] arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}\n{await output}");
        return await output;
    }
}
