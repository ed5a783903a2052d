using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace NetworkGrains.Client;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to a NetworkGrains cluster and the typed <see cref="NetworkGrainsClient"/>.
    /// The client connects when the host starts.
    /// </summary>
    public static IServiceCollection AddNetworkGrainsClient(this IServiceCollection services, Action<NetworkGrainsClientOptions>? configure = null)
    {
        var options = new NetworkGrainsClientOptions();
        configure?.Invoke(options);
        services.AddOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            if (options.PostgresConnectionString is { } connectionString)
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            else
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        });
        services.AddSingleton<NetworkGrainsClient>();
        return services;
    }
}
