using System.Diagnostics;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>The npm tools in tests/js (installed by scripts/bootstrap.sh --test): run a script, read what it printed.</summary>
public static class NodeTools
{
    public static string Directory { get; } = Path.Combine(Repository.Root, "tests", "js");

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(Directory, script), .. arguments])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }
}
