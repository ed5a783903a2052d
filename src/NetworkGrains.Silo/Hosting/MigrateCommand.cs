using Npgsql;
using NetworkGrains.Silo.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetworkGrains.Silo.Hosting;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var applied = await MigrateAsync(SiloSettings.PostgresConnectionString(configuration));
        Console.WriteLine(applied.Count == 0 ? "schema is up to date" : $"applied: {string.Join(", ", applied)}");
        return 0;
    }

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }
}
