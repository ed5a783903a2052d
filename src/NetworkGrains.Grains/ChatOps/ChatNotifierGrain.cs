using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Automation;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>Proactive Teams messages to the subscribed conversations (one grain: the stream key, "all").</summary>
[Alias("ng.chat-notifier")]
public interface IChatNotifierGrain : IGrainWithStringKey
{
    public const string Key = StreamNames.AllAnomalies;

    /// <summary>anomaly_detected for one anomaly, to the conversations whose subscription matches it; how many got it.</summary>
    [Alias("anomaly")]
    Task<int> AnomalyDetected(Anomaly anomaly);

    [Alias("model-deployed")]
    Task<int> ModelDeployed(string model, int version, string by);

    /// <summary>A workflow waits for a person: the approval card (Approve / Reject).</summary>
    [Alias("approval")]
    Task<int> ApprovalRequested(WorkflowRun run);

    /// <summary>Any card (its JSON), to the conversations subscribed at or below <paramref name="severity"/>.</summary>
    [Alias("card")]
    Task<int> Card(string cardJson, AnomalySeverity severity, string summary);
}

/// <summary>
/// Subscribed implicitly to the "anomalies" stream: each opened anomaly goes as a card to the conversations
/// whose subscription matches it (severity, category, the device's site). A conversation that cannot be reached
/// is logged and skipped; the others still get it.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Anomalies)]
public sealed partial class ChatNotifierGrain(BotConnector connector, TimeProvider clock, ILogger<ChatNotifierGrain> logger)
    : Grain, IChatNotifierGrain, IStreamSubscriptionObserver, IAsyncObserver<AnomalyEvent>
{
    private DeviceRecordCache? _devices;

    private DeviceRecordCache Devices => _devices ??= new DeviceRecordCache(id => GrainFactory.GetGrain<IDeviceGrain>(id).GetRecord(), clock);

    private IChatCatalogGrain Directory => GrainFactory.GetGrain<IChatCatalogGrain>(IChatCatalogGrain.Key);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<AnomalyEvent>().ResumeAsync(this);

    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        if (item.Kind == AnomalyEventKind.Opened) await AnomalyDetected(item.Anomaly);
    }

    public async Task<int> AnomalyDetected(Anomaly anomaly)
    {
        var subscriptions = await Directory.Subscriptions();
        if (subscriptions.Length == 0) return 0;
        var site = subscriptions.Any(s => s.Subscription.Sites.Length > 0) ? (await Devices.Get(anomaly.DeviceId))?.Site : null;
        var to = subscriptions.Where(s => s.Subscription.Matches(anomaly, site)).Select(s => s.Conversation);
        return await Send(to, ChatCards.Anomaly(anomaly), $"{anomaly.Severity} anomaly on {anomaly.DeviceId}");
    }

    public async Task<int> ModelDeployed(string model, int version, string by)
    {
        if (await GrainFactory.GetGrain<IModelGrain>(model).Get() is not { } summary) return 0;
        return await Send((await Directory.Subscriptions()).Select(s => s.Conversation), ChatCards.ModelDeployed(summary, version, by), $"model {model} v{version} deployed");
    }

    public async Task<int> ApprovalRequested(WorkflowRun run) =>
        await Send((await Directory.Subscriptions()).Select(s => s.Conversation), ChatCards.Approval(run), $"workflow {run.Workflow} waits for an approval");

    public async Task<int> Card(string cardJson, AnomalySeverity severity, string summary) =>
        await Send((await Directory.Subscriptions()).Where(s => s.Subscription.MinSeverity <= severity).Select(s => s.Conversation),
            JsonNode.Parse(cardJson) as JsonObject ?? throw new ArgumentException("the card must be a JSON object"), summary);

    private async Task<int> Send(IEnumerable<ConversationReference> conversations, JsonObject card, string summary)
    {
        var sent = await Task.WhenAll(conversations.Select(async conversation =>
        {
            try
            {
                await connector.SendAsync(conversation, null, BotConnector.CardMessage((JsonObject)card.DeepClone(), summary), null, CancellationToken.None);
                return true;
            }
            catch (Exception ex) when (ex is BotConnectorException or HttpRequestException or TaskCanceledException)
            {
                LogUnreachable(ex, conversation.ConversationId);
                return false;
            }
        }));
        return sent.Count(s => s);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams conversation {ConversationId} could not be reached")]
    private partial void LogUnreachable(Exception ex, string conversationId);
}
