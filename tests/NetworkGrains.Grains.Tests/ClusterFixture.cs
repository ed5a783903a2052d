using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Grains.Devices;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace NetworkGrains.Grains.Tests;

/// <summary>An in-process cluster of one silo with in-memory storage, as the default profile has.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            foreach (var name in new[] { StorageNames.Devices, StorageNames.Inventory })
            {
                silo.AddMemoryGrainStorage(name);
                silo.Services.AddOptions<MemoryGrainStorageOptions>(name).Configure<Serializer>(
                    (o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
            }
            silo.Services.AddSingleton<IRollupSink, NoRollupSink>();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<DeviceOptions>(o => o.FlushInterval = TimeSpan.FromHours(1));
            silo.Services.AddDeviceWindows();
            silo.Services.Configure<InventoryOptions>(o => o.UnknownSources = UnknownSourcePolicy.Register);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
