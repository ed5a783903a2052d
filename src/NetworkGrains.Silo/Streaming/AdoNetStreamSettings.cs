namespace NetworkGrains.Silo.Streaming;

/// <summary>"Streams:AdoNet": how long an unconfirmed event waits before it is delivered again, and when it is given up.</summary>
public sealed class AdoNetStreamSettings
{
    /// <summary>An event dequeued by a silo that dies before its consumers are done is dequeued again after this.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries of one event before it goes to the dead letters.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>An event not delivered within this goes to the dead letters.</summary>
    public TimeSpan ExpiryTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long dead letters are kept (table orleans_stream_dead_letter).</summary>
    public TimeSpan DeadLetterRetention { get; init; } = TimeSpan.FromDays(7);

    public static AdoNetStreamSettings From(IConfigurationSection section)
    {
        var defaults = new AdoNetStreamSettings();
        var attempts = section["MaxAttempts"];
        return new AdoNetStreamSettings
        {
            VisibilityTimeout = StreamSettings.Positive(section, nameof(VisibilityTimeout), defaults.VisibilityTimeout),
            MaxAttempts = string.IsNullOrWhiteSpace(attempts) ? defaults.MaxAttempts
                : int.TryParse(attempts, out var n) && n > 0 ? n
                : throw new InvalidOperationException($"{section.Path}:MaxAttempts '{attempts}' is not a positive whole number."),
            ExpiryTimeout = StreamSettings.Positive(section, nameof(ExpiryTimeout), defaults.ExpiryTimeout),
            DeadLetterRetention = StreamSettings.Positive(section, nameof(DeadLetterRetention), defaults.DeadLetterRetention),
        };
    }
}
