using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>The bot's conversations and their notification subscriptions (one grain, key <see cref="Key"/>).</summary>
[Alias("ng.chat-directory")]
public interface IChatCatalogGrain : IGrainWithStringKey
{
    public const string Key = "teams";

    [Alias("remember")]
    Task Remember(ConversationReference conversation);

    /// <summary>The bot was removed: the conversation and its subscriptions go.</summary>
    [Alias("forget")]
    Task Forget(string conversationId);

    [Alias("conversation"), Orleans.Concurrency.ReadOnly]
    Task<ConversationReference?> Conversation(string conversationId);

    /// <summary>Replaces the conversation's subscription.</summary>
    [Alias("subscribe")]
    Task Subscribe(ChatSubscription subscription);

    [Alias("unsubscribe")]
    Task<bool> Unsubscribe(string conversationId);

    [Alias("subscriptions"), Orleans.Concurrency.ReadOnly]
    Task<(ChatSubscription Subscription, ConversationReference Conversation)[]> Subscriptions();
}

[GenerateSerializer, Alias("ng.chat-directory-state.v1")]
public sealed class ChatCatalogState
{
    [Id(0)] public Dictionary<string, ConversationReference> Conversations { get; set; } = [];
    [Id(1)] public Dictionary<string, ChatSubscription> Subscriptions { get; set; } = [];
}

[GrainType("chatdirectory")] // its first name: clusters mid-upgrade and stored references find it
public sealed class ChatCatalogGrain(
    [PersistentState("chat", StorageNames.Operations)] IPersistentState<ChatCatalogState> state,
    Microsoft.Extensions.Options.IOptions<TeamsOptions> options)
    : Grain, IChatCatalogGrain
{
    public const int MaxConversations = 10_000;

    public async Task Remember(ConversationReference conversation)
    {
        // The same place seen again (every message) is not worth a write; a new one, or a moved service URL, is.
        if (state.State.Conversations.TryGetValue(conversation.ConversationId, out var known) && known.ServiceUrl == conversation.ServiceUrl) return;
        if (known is null && state.State.Conversations.Count >= MaxConversations) throw new ConflictProblem($"at most {MaxConversations} conversations");
        state.State.Conversations[conversation.ConversationId] = conversation;
        await state.WriteStateAsync();
    }

    public async Task Forget(string conversationId)
    {
        if (!state.State.Conversations.Remove(conversationId) & !state.State.Subscriptions.Remove(conversationId)) return;
        await state.WriteStateAsync();
    }

    public Task<ConversationReference?> Conversation(string conversationId) => Task.FromResult(state.State.Conversations.GetValueOrDefault(conversationId));

    public async Task Subscribe(ChatSubscription subscription)
    {
        if (!state.State.Conversations.ContainsKey(subscription.ConversationId)) throw new NotFoundProblem($"the bot is not in conversation {subscription.ConversationId}");
        state.State.Subscriptions[subscription.ConversationId] = subscription;
        await state.WriteStateAsync();
    }

    public async Task<bool> Unsubscribe(string conversationId)
    {
        if (!state.State.Subscriptions.Remove(conversationId)) return false;
        await state.WriteStateAsync();
        return true;
    }

    /// <summary>The stored subscriptions, and the configured ones of conversations that have none stored; only for conversations the bot is in.</summary>
    public Task<(ChatSubscription Subscription, ConversationReference Conversation)[]> Subscriptions() =>
        Task.FromResult(state.State.Subscriptions.Values
            .Concat(options.Value.Subscriptions.Where(c => !state.State.Subscriptions.ContainsKey(c.ConversationId)).Select(FromConfiguration).OfType<ChatSubscription>())
            .Where(s => state.State.Conversations.ContainsKey(s.ConversationId))
            .Select(s => (s, state.State.Conversations[s.ConversationId])).ToArray());

    /// <summary>A configured subscription, or null when its severity or a category is not a known name (it is then ignored).</summary>
    private static ChatSubscription? FromConfiguration(ConfiguredSubscription configured)
    {
        var severity = SnakeCaseNames.Parse<AnomalySeverity>(configured.Severity);
        var categories = configured.Categories.Select(SnakeCaseNames.Parse<AnomalyCategory>).ToArray();
        return severity is null || categories.Any(c => c is null) ? null
            : new ChatSubscription(configured.ConversationId, severity.Value, configured.Sites, [.. categories.Select(c => c!.Value)], "configuration");
    }
}
