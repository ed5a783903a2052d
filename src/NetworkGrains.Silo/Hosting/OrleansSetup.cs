using System.Net;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.DataLifecycle;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.DataProtection;
using NetworkGrains.Silo.Streaming;
using Orleans.Connections.Security;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace NetworkGrains.Silo.Hosting;

/// <summary>How the silo is wired for each profile.</summary>
public static class OrleansSetup
{
    private const string Invariant = "Npgsql";
    private static readonly string[] GrainStores = [StorageNames.Devices, StorageNames.Inventory, StorageNames.Models, StorageNames.Operations, StorageNames.PubSub];

    public static void Configure(ISiloBuilder silo, SiloSettings settings, IConfiguration configuration)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
        silo.Configure<EndpointOptions>(o =>
        {
            if (settings.Advertised is { } advertised) o.AdvertisedIPAddress = advertised;
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            o.SiloListeningEndpoint = new(settings.Address, settings.SiloPort);
            o.GatewayListeningEndpoint = new(settings.Address, settings.GatewayPort);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection("Cluster:Membership"));
        silo.Services.AddOptions<ReminderOptions>().Bind(configuration.GetSection("Cluster:Reminders"));
        StreamSetup.Configure(silo, StreamSettings.From(configuration, settings.Profile), () => SiloSettings.PostgresConnectionString(configuration));
        if (settings.Dashboard) silo.AddDashboard();
        if (settings.Tls is { } tls) UseClusterTls(silo, tls);
        StartupCalls.Add(silo, "the quiet sweeper", grains => grains.GetGrain<IQuietSweeperGrain>(IQuietSweeperGrain.Key).Start());
        StartupCalls.Add(silo, "the retention sweep", grains => grains.GetGrain<IRetentionSweepGrain>(IRetentionSweepGrain.Key).Start());

        if (settings.Profile == SiloProfile.Postgres) ConfigurePostgres(silo, SiloSettings.PostgresConnectionString(configuration));
        else ConfigureInMemory(silo, settings);

        // State is written with Orleans' own binary serializer (compact, and it keeps private fields), then sealed
        // with AES-256-GCM under the data-protection key ring: every secret in any grain's state is encrypted at rest.
        foreach (var name in GrainStores)
        {
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(name).Configure<Serializer, KeyRing>(UseProtectedSerializer);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(name).Configure<Serializer, KeyRing>(UseProtectedSerializer);
        }
    }

    private static void ConfigureInMemory(ISiloBuilder silo, SiloSettings settings)
    {
        // One silo that is its own primary: its endpoint is the one it advertises.
        silo.UseDevelopmentClustering(new IPEndPoint(settings.Advertised!, settings.SiloPort));
        foreach (var name in GrainStores) silo.AddMemoryGrainStorage(name);
        silo.UseInMemoryReminderService();
    }

    private static void ConfigurePostgres(ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        foreach (var name in GrainStores)
            silo.AddAdoNetGrainStorage(name, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
    }

    /// <summary>Mutual TLS between silos and with clients: each side presents the cluster certificate and accepts only it.</summary>
    private static void UseClusterTls(ISiloBuilder silo, ClusterCertificate tls) =>
        silo.UseTls(tls.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (certificate, _, _) => tls.IsPeer(certificate);
            options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = tls.HostName;
        });

    private static void UseProtectedSerializer(IStorageProviderSerializerOptions options, Serializer serializer, KeyRing keys) =>
        options.GrainStorageSerializer = new ProtectedStateSerializer(new OrleansGrainStorageSerializer(serializer), keys);
}
