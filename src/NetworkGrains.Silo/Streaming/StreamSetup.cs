using NetworkGrains.Grains;
using Orleans.Configuration;

namespace NetworkGrains.Silo.Streaming;

/// <summary>Adds the stream provider <see cref="StreamNames.Provider"/> as "Streams:Provider" says.</summary>
public static class StreamSetup
{
    public static void Configure(ISiloBuilder silo, StreamSettings streams, Func<string> postgresConnectionString)
    {
        switch (streams.Provider)
        {
            case StreamProviderKind.Memory:
                silo.AddMemoryStreams(StreamNames.Provider, memory => memory.ConfigurePullingAgent(PollEvery(streams)));
                break;
            case StreamProviderKind.AdoNet:
                var connectionString = postgresConnectionString();
                var adoNet = streams.AdoNet;
                silo.AddAdoNetStreams(StreamNames.Provider, provider =>
                {
                    provider.ConfigureAdoNet(options => options.Configure(o =>
                    {
                        (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString);
                        o.VisibilityTimeout = adoNet.VisibilityTimeout;
                        o.MaxAttempts = adoNet.MaxAttempts;
                        o.ExpiryTimeout = adoNet.ExpiryTimeout;
                        o.DeadLetterEvictionTimeout = adoNet.DeadLetterRetention;
                    }));
                    provider.ConfigurePullingAgent(PollEvery(streams));
                    // Every anomaly event is on one stream, so it lands in one queue; the default eight would each poll the table for nothing.
                    provider.ConfigurePartitioning(1);
                });
                break;
            case StreamProviderKind.EventHubs:
                var hub = streams.EventHubs!;
                silo.AddEventHubStreams(StreamNames.Provider, provider =>
                {
                    provider.ConfigureEventHub(options => options.Configure(o => o.ConfigureEventHubConnection(hub.ConnectionString, hub.EventHubName, hub.ConsumerGroup)));
                    provider.UseAzureTableCheckpointer(options => options.Configure(o =>
                    {
                        o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(hub.CheckpointConnectionString);
                        o.TableName = hub.CheckpointTable;
                    }));
                    provider.ConfigurePullingAgent(PollEvery(streams));
                });
                break;
            default:
                throw new InvalidOperationException($"{StreamSettings.Section}:Provider {streams.Provider} has no wiring.");
        }
    }

    private static Action<Microsoft.Extensions.Options.OptionsBuilder<StreamPullingAgentOptions>> PollEvery(StreamSettings streams) =>
        agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = streams.PollInterval);
}
