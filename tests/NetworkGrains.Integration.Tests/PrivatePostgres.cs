using System.Diagnostics;

namespace NetworkGrains.Integration.Tests;

/// <summary>A PostgreSQL server of the test's own (scripts/postgres.sh), for tests that stop the database.</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ng-pg-").FullName;
    private readonly int _port = SiloProcess.FreePort();

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=networkgrains;Timeout=3";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var postgres = new PrivatePostgres();
        File.SetUnixFileMode(postgres._directory, (UnixFileMode)0b111_101_101);
        await postgres.RunAsync("start");
        return postgres;
    }

    public Task StartAgainAsync() => RunAsync("start");

    public Task StopAsync() => RunAsync("stop");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(string verb)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "postgres.sh"), [verb])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment["NG_PG_DIR"] = Path.Combine(_directory, "cluster");
        info.Environment["NG_PG_PORT"] = _port.ToString();
        info.Environment["NG_PG_FAST"] = "1";
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"postgres.sh {verb} failed: {await errors}");
    }
}
