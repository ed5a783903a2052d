using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Tests;

/// <summary>What a device writes depends on where its state lives: in the silo's memory, or in PostgreSQL shared by the cluster.</summary>
public sealed class DeviceOptionsByProfileTests
{
    private static DeviceOptions For(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        var services = new ServiceCollection().AddLogging();
        SiloServices.Add(services, SiloSettings.From(configuration), configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DeviceOptions>>().Value;
    }

    [Fact]
    public void In_memory_state_is_written_only_at_deactivation()
    {
        var options = For();
        Assert.False(options.WriteStateOnTimer);
        Assert.False(options.FlushOnShutdown);
        Assert.False(options.ReplayOnConflict);
    }

    [Fact]
    public void State_in_PostgreSQL_is_written_every_flush_interval_at_shutdown_and_replayed_after_a_conflict()
    {
        var options = For(("NetworkGrains:Profile", "Postgres"), ("ConnectionStrings:Postgres", "Host=127.0.0.1;Database=ng"));
        Assert.True(options.WriteStateOnTimer);
        Assert.True(options.FlushOnShutdown);
        Assert.True(options.ReplayOnConflict);
    }
}
