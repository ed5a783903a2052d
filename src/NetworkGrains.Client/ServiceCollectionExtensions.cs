using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkGrains.Abstractions.Security;
using Orleans.Configuration;
using Orleans.Connections.Security;
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
            if (options.TlsCertificateFile is { } certificateFile)
            {
                var tls = ClusterCertificate.Load(certificateFile, options.TlsKeyFile ?? throw new ArgumentException("TlsKeyFile is needed with TlsCertificateFile"));
                client.UseTls(tls.Certificate, o =>
                {
                    o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.RemoteCertificateValidation = (certificate, _, _) => tls.IsPeer(certificate);
                    o.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = tls.HostName;
                });
            }
        });
        services.AddSingleton<NetworkGrainsClient>();
        return services;
    }
}
