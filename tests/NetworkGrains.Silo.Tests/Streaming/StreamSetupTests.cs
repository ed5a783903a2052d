using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains;
using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Streaming;
using Orleans.Configuration;
using Orleans.Streams;

namespace NetworkGrains.Silo.Tests.Streaming;

/// <summary>Each value of Streams:Provider puts that provider's queue adapter behind the stream provider "ng" (built, not started: no network).</summary>
public sealed class StreamSetupTests
{
    private const string Postgres = "Host=127.0.0.1;Port=1;Username=postgres;Database=unused";

    [Theory]
    [InlineData("Memory", SiloProfile.Default, "MemoryAdapterFactory")]
    [InlineData("AdoNet", SiloProfile.Postgres, "AdoNetQueueAdapterFactory")]
    [InlineData("EventHubs", SiloProfile.Default, "EventHubAdapterFactory")]
    public void Each_provider_value_wires_its_provider(string provider, SiloProfile profile, string adapterFactory)
    {
        var configuration = StreamSettingsTests.Config(provider == "EventHubs" ? StreamSettingsTests.EventHubs() : [("Streams:Provider", provider)]);
        using var host = Build(StreamSettings.From(configuration, profile));

        var factory = host.Services.GetRequiredKeyedService<IQueueAdapterFactory>(StreamNames.Provider);
        Assert.StartsWith(adapterFactory, factory.GetType().Name);
        Assert.Equal(TimeSpan.FromMilliseconds(10), host.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(StreamNames.Provider).GetQueueMsgsTimerPeriod);
    }

    [Fact]
    public void AdoNet_streams_use_the_profiles_postgresql_and_the_configured_timeouts()
    {
        var configuration = StreamSettingsTests.Config(("Streams:AdoNet:VisibilityTimeout", "00:00:07"), ("Streams:AdoNet:MaxAttempts", "9"));
        using var host = Build(StreamSettings.From(configuration, SiloProfile.Postgres));

        var options = host.Services.GetRequiredService<IOptionsMonitor<AdoNetStreamOptions>>().Get(StreamNames.Provider);
        Assert.Equal(("Npgsql", Postgres, TimeSpan.FromSeconds(7), 9), (options.Invariant, options.ConnectionString, options.VisibilityTimeout, options.MaxAttempts));
    }

    private static IHost Build(StreamSettings streams)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            StreamSetup.Configure(silo, streams, () => Postgres);
        });
        return builder.Build();
    }
}
