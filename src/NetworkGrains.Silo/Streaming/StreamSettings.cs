using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Streaming;

/// <summary>Where the "anomalies" stream is kept.</summary>
public enum StreamProviderKind
{
    /// <summary>In the silo's memory: an event not yet delivered dies with the silo.</summary>
    Memory,
    /// <summary>Orleans' ADO.NET streams on the profile's PostgreSQL: an event stays in a table until its consumers are done.</summary>
    AdoNet,
    /// <summary>Azure Event Hubs, checkpoints in Azure Table storage.</summary>
    EventHubs,
}

/// <summary>Configuration section "Streams", read and checked once at start: a bad value stops the silo naming its key.</summary>
public sealed class StreamSettings
{
    public const string Section = "Streams";

    public required StreamProviderKind Provider { get; init; }

    /// <summary>How often the pulling agents look for new events (Orleans' default is 100 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    public AdoNetStreamSettings AdoNet { get; init; } = new();

    public EventHubsStreamSettings? EventHubs { get; init; }

    /// <summary>The profile decides the default: memory in the default profile, ADO.NET on the Postgres one.</summary>
    public static StreamSettings From(IConfiguration configuration, SiloProfile profile)
    {
        var section = configuration.GetSection(Section);
        var provider = ParseProvider(section["Provider"], profile);
        if (provider == StreamProviderKind.AdoNet && profile != SiloProfile.Postgres)
            throw new InvalidOperationException($"{Section}:Provider AdoNet needs the Postgres profile (NetworkGrains:Profile=Postgres): its tables are in that PostgreSQL.");
        return new StreamSettings
        {
            Provider = provider,
            PollInterval = Positive(section, "PollInterval", TimeSpan.FromMilliseconds(10)),
            AdoNet = AdoNetStreamSettings.From(section.GetSection("AdoNet")),
            EventHubs = provider == StreamProviderKind.EventHubs ? EventHubsStreamSettings.From(section.GetSection("EventHubs")) : null,
        };
    }

    private static StreamProviderKind ParseProvider(string? value, SiloProfile profile)
    {
        if (string.IsNullOrWhiteSpace(value)) return profile == SiloProfile.Postgres ? StreamProviderKind.AdoNet : StreamProviderKind.Memory;
        var kind = Enum.GetValues<StreamProviderKind>().Cast<StreamProviderKind?>()
            .FirstOrDefault(k => string.Equals(k.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase));
        return kind ?? throw new InvalidOperationException($"{Section}:Provider '{value}' is not one of {string.Join(", ", Enum.GetNames<StreamProviderKind>())}.");
    }

    /// <summary>A time span setting: absent gives the default; anything but a positive time span names the key.</summary>
    internal static TimeSpan Positive(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new InvalidOperationException($"{section.Path}:{key} '{value}' is not a positive time span (hh:mm:ss).");
    }
}
