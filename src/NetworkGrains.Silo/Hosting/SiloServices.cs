using Npgsql;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Silo.Hosting;

/// <summary>The services grains and endpoints depend on, chosen by profile. Shared by the silo and `ngctl bench`.</summary>
public static class SiloServices
{
    public static void Add(IServiceCollection services, SiloSettings settings, IConfiguration configuration)
    {
        services.AddOptions<DeviceOptions>().Bind(configuration.GetSection(DeviceOptions.Section))
            .PostConfigure(o => o.FlushOnShutdown &= settings.Profile == SiloProfile.Postgres);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.Section));
        services.AddDeviceWindows();
        services.AddSingleton(TimeProvider.System);

        if (settings.Profile == SiloProfile.Postgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(SiloSettings.PostgresConnectionString(configuration)));
            services.AddSingleton<IRollupSink, PostgresRollupSink>();
            services.AddSingleton<IRollupReader, PostgresRollupReader>();
        }
        else
        {
            services.AddSingleton<IRollupSink, NoRollupSink>();
            services.AddSingleton<IRollupReader, NoRollupReader>();
        }
    }
}
