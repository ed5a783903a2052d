using System.Text.Json;

namespace NetworkGrains.Silo.ChatOps;

public sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId);

public sealed record ConversationAccount(string? Id, string? ConversationType, string? TenantId, bool? IsGroup);

/// <summary>
/// The parts of a Bot Framework activity the bot reads (the channel sends many more; they are ignored, not
/// refused). A Teams channel thread's conversation id carries ";messageid=...": <see cref="RootConversationId"/> is the channel's.
/// </summary>
public sealed record BotActivity(
    string? Type,
    string? Id,
    string? ServiceUrl,
    string? ChannelId,
    ChannelAccount? From,
    ConversationAccount? Conversation,
    ChannelAccount? Recipient,
    string? Text,
    JsonElement? Value,
    string? Name,
    string? ReplyToId,
    ChannelAccount[]? MembersAdded,
    string? Action)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 32 };

    /// <summary>A string property of a JSON object (an activity's value, a card action's data); null when absent or not a string.</summary>
    public static string? StringProperty(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string RootConversationId => Conversation?.Id?.Split(";messageid=")[0] ?? "";

    /// <summary>What is missing for the bot to act on it; null when it is usable.</summary>
    public string? Problem() =>
        string.IsNullOrEmpty(Type) ? "type is required"
        : !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") ? "serviceUrl must be an absolute http(s) URL"
        : string.IsNullOrEmpty(Conversation?.Id) ? "conversation.id is required"
        : string.IsNullOrEmpty(Recipient?.Id) ? "recipient.id is required"
        : string.IsNullOrEmpty(ChannelId) ? "channelId is required"
        : Type is "message" or "invoke" && string.IsNullOrEmpty(From?.Id) ? "from.id is required"
        : null;
}
