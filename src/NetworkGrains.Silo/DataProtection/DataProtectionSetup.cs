using Npgsql;

namespace NetworkGrains.Silo.DataProtection;

/// <summary>Loads the key ring, checks it against the database in the Postgres profile, and offers it to the grain storage.</summary>
public static class DataProtectionSetup
{
    public static async Task AddAsync(IServiceCollection services, IConfiguration configuration, Hosting.SiloSettings settings, ILogger logger)
    {
        var postgres = settings.Profile == Hosting.SiloProfile.Postgres;
        var keys = KeyRingFile.Load(configuration, durable: postgres, logger);
        if (postgres)
        {
            await using var dataSource = NpgsqlDataSource.Create(Hosting.SiloSettings.PostgresConnectionString(configuration));
            await KeyRingCheck.RunAsync(dataSource, keys, settings.ServiceId, logger);
        }
        services.AddSingleton(keys);
    }
}
