using NetworkGrains.Abstractions.Anomalies;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>Where and how to reach a Teams conversation later (a proactive message): kept for every conversation the bot is in.</summary>
[GenerateSerializer, Immutable, Alias("ng.conversation-reference.v1")]
public sealed record ConversationReference(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string ServiceUrl,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] string? ConversationType,
    [property: Id(4)] string? TenantId,
    [property: Id(5)] string BotId,
    [property: Id(6)] string? BotName,
    [property: Id(7)] DateTimeOffset SeenAt);

/// <summary>Which anomaly notifications a conversation gets: at least a severity, and optionally only some sites or categories.</summary>
[GenerateSerializer, Immutable, Alias("ng.chat-subscription.v1")]
public sealed record ChatSubscription(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] AnomalySeverity MinSeverity,
    [property: Id(2)] string[] Sites,
    [property: Id(3)] AnomalyCategory[] Categories,
    [property: Id(4)] string CreatedBy)
{
    public bool Matches(Anomaly anomaly, string? site) =>
        anomaly.Severity >= MinSeverity
        && (Categories.Length == 0 || Categories.Contains(anomaly.Category))
        && (Sites.Length == 0 || site is not null && Sites.Contains(site, StringComparer.OrdinalIgnoreCase));
}
