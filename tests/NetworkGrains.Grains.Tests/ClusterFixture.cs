using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Grains.Devices.Polling;
using NetworkGrains.Grains.Devices.Traps;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Grains.Inference;
using NetworkGrains.Grains.Models;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.TestingHost;

namespace NetworkGrains.Grains.Tests;

/// <summary>An in-process cluster of one silo with in-memory storage, as the default profile has.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture() : this(new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().AddClientBuilderConfigurator<ClientConfigurator>().Build()) { }

    protected ClusterFixture(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    /// <summary>The "anomalies" stream as the test client reads it: every anomaly event, in the order the grains published them.</summary>
    public IAsyncStream<AnomalyEvent> AnomalyStream => Cluster.Client.GetStreamProvider(StreamNames.Provider)
        .GetStream<AnomalyEvent>(StreamId.Create(StreamNames.Anomalies, StreamNames.AllAnomalies));

    public T SiloService<T>() where T : notnull => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<T>();

    public T SiloService<T>(string key) where T : notnull => ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<T>(key);

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A new device with a unique id and a random management address in 10.64.0.0/10.</summary>
    public async Task<IDeviceGrain> RegisterDeviceAsync(string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}";
        var address = $"10.{Random.Shared.Next(64, 128)}.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}";
        var outcome = await Cluster.GrainFactory.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key)
            .Register(new DeviceRecord(id, id, address, null, null, null, null, [], null));
        Assert.Equal(RegisterOutcome.Created, outcome);
        return Cluster.GrainFactory.GetGrain<IDeviceGrain>(id);
    }

    /// <summary>The test client reads the "anomalies" stream, so it needs the memory stream provider too.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) => client.AddMemoryStreams(StreamNames.Provider);
    }

    public class SiloConfigurator : ISiloConfigurator
    {
        public virtual void Configure(ISiloBuilder silo)
        {
            foreach (var name in new[] { StorageNames.Devices, StorageNames.Inventory, StorageNames.Models, StorageNames.Operations, StorageNames.PubSub })
            {
                silo.AddMemoryGrainStorage(name);
                silo.Services.AddOptions<MemoryGrainStorageOptions>(name).Configure<Serializer>(
                    (o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            }
            silo.Services.AddSingleton<IRollupSink, NoRollupSink>();
            silo.Services.AddSingleton<ITrapLog, MemoryTrapLog>();
            silo.Services.AddSingleton<ISyslogLog, MemorySyslogLog>();
            silo.Services.AddSingleton<ITalkerLog, MemoryTalkerLog>();
            silo.Services.AddSingleton<IAnomalyLog, MemoryAnomalyLog>();
            silo.AddMemoryStreams(StreamNames.Provider);
            silo.Services.AddSingleton<IDeviceSnmp, CannedPoller>();
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<DeviceOptions>(o => (o.FlushInterval, o.MultivariateModel) = (TimeSpan.FromHours(1), DeviceDetectionTests.MultivariateModel));
            silo.Services.AddDeviceWindows();
            silo.Services.AddModelRegistry();
            silo.Services.AddAutomation();
            silo.Services.Configure<NetworkGrains.Grains.ChatOps.TeamsOptions>(o => o.Subscriptions.Add(
                new NetworkGrains.Grains.ChatOps.ConfiguredSubscription { ConversationId = ChatCatalogTests.Configured, Severity = "high", Categories = ["link_down"] }));
            silo.Services.Configure<InferenceOptions>(o => o.RoutingRefresh = TimeSpan.FromMilliseconds(200));
            silo.Services.Configure<InventoryOptions>(o => o.UnknownSources = UnknownSourcePolicy.Register);
        }
    }
}

/// <summary>The same cluster, configured to refuse packets from addresses not in the inventory.</summary>
public sealed class RejectingClusterFixture() : ClusterFixture(
    new TestClusterBuilder(1).AddSiloBuilderConfigurator<RejectingSiloConfigurator>().AddClientBuilderConfigurator<ClientConfigurator>().Build())
{
    public sealed class RejectingSiloConfigurator : SiloConfigurator
    {
        public override void Configure(ISiloBuilder silo)
        {
            base.Configure(silo);
            silo.Services.Configure<InventoryOptions>(o => o.UnknownSources = UnknownSourcePolicy.Reject);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
