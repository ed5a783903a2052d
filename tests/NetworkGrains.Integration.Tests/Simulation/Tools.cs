using System.Diagnostics;

namespace NetworkGrains.Integration.Tests.Simulation;

/// <summary>ngctl and the reference tools as a person runs them: their standard output, or the test fails with their errors.</summary>
internal static class Tools
{
    public static Task<string> NgctlAsync(IDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync("dotnet", [SiloProcess.BuiltDll("NetworkGrains.Cli", "ngctl.dll"), .. arguments], environment);

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
