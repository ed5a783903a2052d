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

    /// <summary>Starts a script that talks as it goes: read its lines with <see cref="NodeScript.NextLineAsync"/>.</summary>
    public static Task<NodeScript> StartAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node", [Path.Combine(Directory, script), .. arguments])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Task.FromResult(new NodeScript(Process.Start(info)!));
    }
}

/// <summary>A running node script: its stdout line by line, killed when disposed.</summary>
public sealed class NodeScript(Process process) : IAsyncDisposable
{
    private readonly Task<string> _errors = process.StandardError.ReadToEndAsync();

    public async Task<string> NextLineAsync(TimeSpan timeout)
    {
        try
        {
            return await process.StandardOutput.ReadLineAsync().WaitAsync(timeout) ?? $"(ended) {await _errors}";
        }
        catch (TimeoutException)
        {
            return $"(nothing within {timeout})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
