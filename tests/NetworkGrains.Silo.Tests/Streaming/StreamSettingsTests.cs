using Microsoft.Extensions.Configuration;
using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Streaming;

namespace NetworkGrains.Silo.Tests.Streaming;

public sealed class StreamSettingsTests
{
    internal const string HubConnection = "Endpoint=sb://ng-test.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0LWtleS1ub3QtbG9nZ2Vk";
    internal const string StorageConnection = "DefaultEndpointsProtocol=https;AccountName=ngtest;AccountKey=c2VjcmV0LWtleS1ub3QtbG9nZ2Vk;EndpointSuffix=core.windows.net";

    internal static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    internal static (string, string)[] EventHubs(params (string Key, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>
        {
            ["Streams:Provider"] = "EventHubs",
            ["Streams:EventHubs:ConnectionString"] = HubConnection,
            ["Streams:EventHubs:EventHubName"] = "anomalies",
            ["Streams:EventHubs:CheckpointConnectionString"] = StorageConnection,
        };
        foreach (var (key, value) in overrides) values[key] = value;
        return values.Select(v => (v.Key, v.Value)).ToArray();
    }

    [Theory]
    [InlineData(SiloProfile.Default, StreamProviderKind.Memory)]
    [InlineData(SiloProfile.Postgres, StreamProviderKind.AdoNet)]
    public void The_profile_decides_the_default(SiloProfile profile, StreamProviderKind expected) =>
        Assert.Equal(expected, StreamSettings.From(Config(), profile).Provider);

    [Theory]
    [InlineData("memory", SiloProfile.Postgres, StreamProviderKind.Memory)]
    [InlineData("AdoNet", SiloProfile.Postgres, StreamProviderKind.AdoNet)]
    [InlineData("ADONET", SiloProfile.Postgres, StreamProviderKind.AdoNet)]
    public void A_provider_is_named_in_any_case(string value, SiloProfile profile, StreamProviderKind expected) =>
        Assert.Equal(expected, StreamSettings.From(Config(("Streams:Provider", value)), profile).Provider);

    [Theory]
    [InlineData("Kafka")]
    [InlineData("2")]
    [InlineData("Memory,AdoNet")]
    public void An_unknown_provider_names_the_key_and_the_choices(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamSettings.From(Config(("Streams:Provider", value)), SiloProfile.Default));
        Assert.Contains("Streams:Provider", error.Message);
        Assert.Contains("Memory, AdoNet, EventHubs", error.Message);
    }

    [Fact]
    public void AdoNet_without_the_postgres_profile_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamSettings.From(Config(("Streams:Provider", "AdoNet")), SiloProfile.Default));
        Assert.Contains("Streams:Provider AdoNet needs the Postgres profile", error.Message);
    }

    [Theory]
    [InlineData("Streams:PollInterval", "soon")]
    [InlineData("Streams:PollInterval", "-00:00:01")]
    [InlineData("Streams:AdoNet:VisibilityTimeout", "00:00:00")]
    [InlineData("Streams:AdoNet:MaxAttempts", "0")]
    [InlineData("Streams:AdoNet:ExpiryTimeout", "ten minutes")]
    public void A_bad_time_or_count_names_its_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamSettings.From(Config(("Streams:Provider", "AdoNet"), (key, value)), SiloProfile.Postgres));
        Assert.StartsWith(key + " ", error.Message);
    }

    [Fact]
    public void AdoNet_settings_are_read()
    {
        var settings = StreamSettings.From(Config(("Streams:AdoNet:VisibilityTimeout", "00:00:05"), ("Streams:AdoNet:MaxAttempts", "3"), ("Streams:PollInterval", "00:00:00.050")), SiloProfile.Postgres);
        Assert.Equal((TimeSpan.FromSeconds(5), 3, TimeSpan.FromMilliseconds(50)), (settings.AdoNet.VisibilityTimeout, settings.AdoNet.MaxAttempts, settings.PollInterval));
    }

    [Fact]
    public void Complete_event_hubs_settings_are_read_with_their_defaults()
    {
        var hub = StreamSettings.From(Config(EventHubs()), SiloProfile.Default).EventHubs!;
        Assert.Equal(("anomalies", "$Default", "Checkpoint"), (hub.EventHubName, hub.ConsumerGroup, hub.CheckpointTable));
    }

    [Fact]
    public void The_hub_name_may_come_from_the_connection_strings_entity_path() =>
        Assert.Equal("from-path", StreamSettings.From(Config(EventHubs(
            ("Streams:EventHubs:ConnectionString", HubConnection + ";EntityPath=from-path"), ("Streams:EventHubs:EventHubName", ""))), SiloProfile.Default).EventHubs!.EventHubName);

    [Theory]
    [InlineData("Streams:EventHubs:ConnectionString", "", "is required")]
    [InlineData("Streams:EventHubs:ConnectionString", "not a connection string", "is not an Event Hubs connection string")]
    [InlineData("Streams:EventHubs:ConnectionString", "SharedAccessKeyName=listen;SharedAccessKey=b", "Endpoint")]
    [InlineData("Streams:EventHubs:ConnectionString", "Endpoint=sb://ng-test.servicebus.windows.net/;SharedAccessKeyName=listen", "SharedAccessKey")]
    [InlineData("Streams:EventHubs:EventHubName", "", "is required")]
    [InlineData("Streams:EventHubs:CheckpointConnectionString", "", "is required")]
    [InlineData("Streams:EventHubs:CheckpointConnectionString", "AccountName=;Nonsense", "is not an Azure Storage connection string")]
    [InlineData("Streams:EventHubs:CheckpointTable", "1-bad", "is not an Azure table name")]
    public void A_missing_or_invalid_event_hubs_setting_names_its_key_and_never_its_value(string key, string value, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamSettings.From(Config(EventHubs((key, value))), SiloProfile.Default));
        Assert.StartsWith(key + " ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
        if (value.Length > 0) Assert.DoesNotContain(value, error.Message);
    }

    [Fact]
    public void A_hub_name_that_differs_from_the_entity_path_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamSettings.From(Config(EventHubs(
            ("Streams:EventHubs:ConnectionString", HubConnection + ";EntityPath=other"))), SiloProfile.Default));
        Assert.StartsWith("Streams:EventHubs:EventHubName ", error.Message);
    }
}
