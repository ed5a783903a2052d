using System.Diagnostics;

namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// A bash script run from the checkout's root, as a user pastes commands there. Its output goes to a file, not a pipe:
/// a build server a command leaves behind would hold a pipe open after the script has ended.
/// </summary>
internal sealed class BashScript : IDisposable
{
    private readonly string _directory;

    private BashScript(Process process, string directory)
    {
        Process = process;
        _directory = directory;
    }

    public Process Process { get; }
    public string Output => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
    private string LogPath => Path.Combine(_directory, "output.log");

    public static BashScript Start(string script, IDictionary<string, string>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("ng-readme-").FullName;
        var path = Path.Combine(directory, "script.sh");
        File.WriteAllText(path, $"exec >'{Path.Combine(directory, "output.log")}' 2>&1\n{script}\n");
        var info = new ProcessStartInfo("bash", [path]) { WorkingDirectory = Repository.Root };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return new BashScript(Process.Start(info)!, directory);
    }

    /// <summary>Runs the script to its end, or fails it past <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IDictionary<string, string> environment, TimeSpan limit)
    {
        using var bash = Start(script, environment);
        return await bash.WaitAsync(limit)
            ? (bash.Process.ExitCode, bash.Output)
            : (-1, $"{bash.Output}\n(still running after {limit}: killed)");
    }

    /// <summary>Waits for the end; past <paramref name="limit"/> (a bound on a hung command, not a measure) kills the whole tree. Whether it ended by itself.</summary>
    public async Task<bool> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            return false;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
