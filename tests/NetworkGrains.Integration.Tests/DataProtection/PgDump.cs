using System.Diagnostics;
using Npgsql;

namespace NetworkGrains.Integration.Tests.DataProtection;

/// <summary>pg_dump of a test database, as a backup would see it (bytea in hex).</summary>
public static class PgDump
{
    private const string Program = "/usr/lib/postgresql/15/bin/pg_dump";

    public static async Task<string> DumpAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(Program, ["--no-owner", "-d", $"host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await errors}");
        return await output;
    }
}
