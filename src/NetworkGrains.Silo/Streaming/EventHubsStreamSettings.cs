using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs;

namespace NetworkGrains.Silo.Streaming;

/// <summary>
/// "Streams:EventHubs": the hub and the Azure Table storage that keeps the checkpoints. Checked at start without a
/// network call: a missing or malformed value names its key (never its value: these strings hold keys).
/// </summary>
public sealed partial class EventHubsStreamSettings
{
    public required string ConnectionString { get; init; }
    public required string EventHubName { get; init; }
    public required string ConsumerGroup { get; init; }
    public required string CheckpointConnectionString { get; init; }
    public required string CheckpointTable { get; init; }

    public static EventHubsStreamSettings From(IConfigurationSection section)
    {
        var connectionString = Required(section, nameof(ConnectionString));
        EventHubsConnectionStringProperties properties;
        try
        {
            properties = EventHubsConnectionStringProperties.Parse(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw Invalid(section, nameof(ConnectionString), "is not an Event Hubs connection string (Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...)");
        }
        if (properties.Endpoint is null)
            throw Invalid(section, nameof(ConnectionString), "has no Endpoint=sb://<namespace>/");
        if (properties.SharedAccessSignature is null && (properties.SharedAccessKeyName is null || properties.SharedAccessKey is null))
            throw Invalid(section, nameof(ConnectionString), "has neither SharedAccessKeyName with SharedAccessKey nor SharedAccessSignature");

        var hub = section[nameof(EventHubName)] is { Length: > 0 } name ? name
            : properties.EventHubName ?? throw Invalid(section, nameof(EventHubName), "is required (or EntityPath in the connection string)");
        if (properties.EventHubName is { } entityPath && entityPath != hub)
            throw Invalid(section, nameof(EventHubName), "differs from the connection string's EntityPath");

        var checkpoint = Required(section, nameof(CheckpointConnectionString));
        try
        {
            _ = new TableServiceClient(checkpoint);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw Invalid(section, nameof(CheckpointConnectionString), "is not an Azure Storage connection string (the checkpoints' table service)");
        }

        var table = section[nameof(CheckpointTable)] is { Length: > 0 } t ? t : "Checkpoint";
        if (!TableName().IsMatch(table))
            throw Invalid(section, nameof(CheckpointTable), "is not an Azure table name (a letter, then 2 to 62 letters or digits)");
        return new EventHubsStreamSettings
        {
            ConnectionString = connectionString,
            EventHubName = hub,
            ConsumerGroup = section[nameof(ConsumerGroup)] is { Length: > 0 } group ? group : "$Default",
            CheckpointConnectionString = checkpoint,
            CheckpointTable = table,
        };
    }

    private static string Required(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : throw Invalid(section, key, "is required with Streams:Provider EventHubs");

    private static InvalidOperationException Invalid(IConfigurationSection section, string key, string problem) => new($"{section.Path}:{key} {problem}.");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
