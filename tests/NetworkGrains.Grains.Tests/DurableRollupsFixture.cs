using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Grains.Devices;
using Orleans.TestingHost;

namespace NetworkGrains.Grains.Tests;

/// <summary>The test cluster with a durable rollup sink in memory, as the Postgres profile has one in PostgreSQL.</summary>
public sealed class DurableRollupsFixture() : ClusterFixture(
    new TestClusterBuilder(1).AddSiloBuilderConfigurator<DurableSiloConfigurator>().AddClientBuilderConfigurator<ClientConfigurator>().Build())
{
    public const int MaxQueuedRollups = 2_000;

    public RecordingRollupSink Sink => SiloService<RecordingRollupSink>();

    public sealed class DurableSiloConfigurator : SiloConfigurator
    {
        public override void Configure(ISiloBuilder silo)
        {
            base.Configure(silo);
            silo.Services.AddSingleton<RecordingRollupSink>();
            silo.Services.AddSingleton<IRollupSink>(sp => sp.GetRequiredService<RecordingRollupSink>());
            silo.Services.Configure<DeviceOptions>(o => o.MaxQueuedRollups = MaxQueuedRollups);
        }
    }
}

/// <summary>Keeps the rows written, by device; a device marked down has its writes fail, as during a PostgreSQL outage.</summary>
public sealed class RecordingRollupSink : IRollupSink
{
    private readonly ConcurrentQueue<RollupRow> _rows = new();

    public ConcurrentDictionary<string, bool> Down { get; } = new();

    public bool IsDurable => true;

    public Task WriteAsync(IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Any(r => Down.ContainsKey(r.DeviceId))) return Task.FromException(new InvalidOperationException("the rollup store is down"));
        foreach (var row in rows) _rows.Enqueue(row);
        return Task.CompletedTask;
    }

    public RollupRow[] Of(string deviceId) => _rows.Where(r => r.DeviceId == deviceId).ToArray();
}

[CollectionDefinition(Name)]
public sealed class DurableRollupsCollection : ICollectionFixture<DurableRollupsFixture>
{
    public const string Name = "durable rollups";
}
