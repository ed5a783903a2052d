using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace NetworkGrains.Grains.Automation;

/// <summary>Hands every anomaly event to the rules (the catalog's list as it is at that event: a new rule sees the next one).</summary>
public interface IAnomalyDispatcherGrain : IGrainWithStringKey;

/// <summary>
/// Subscribed implicitly to the "anomalies" stream (its key is the stream's key, "all"), so it is activated by
/// the first event and re-attached by Orleans after any restart. Each event goes to every rule's Accept, which
/// returns once the actions are durably pending; the event counts as delivered only then. A durable stream
/// (Streams:Provider AdoNet) keeps an event until its delivery is confirmed, so a silo killed before the rules
/// have it loses nothing: the event is delivered again, and the rules' idempotency keys keep it from acting twice.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Anomalies)]
public sealed partial class AnomalyDispatcherGrain(ILogger<AnomalyDispatcherGrain> logger)
    : Grain, IAnomalyDispatcherGrain, IStreamSubscriptionObserver, IAsyncObserver<AnomalyEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<AnomalyEvent>().ResumeAsync(this);

    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        var rules = await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Rules();
        var failed = (await Task.WhenAll(rules.Select(rule => Deliver(rule, item)))).Count(f => f);
        if (failed > 0)
            throw new InvalidOperationException($"{failed} rule(s) did not take anomaly {item.Anomaly.Id}: the stream delivers it again");
    }

    /// <summary>
    /// One rule failing does not keep the event from the others. A rule without a definition never takes it; any
    /// other failure (a silo gone, a timeout) is worth another delivery, which the rules that took it ignore.
    /// </summary>
    private async Task<bool> Deliver(string rule, AnomalyEvent item)
    {
        try
        {
            await GrainFactory.GetGrain<IRuleGrain>(rule).Accept(item);
            return false;
        }
        catch (Exception ex)
        {
            LogRuleFailed(ex, rule, item.Anomaly.Id);
            return ex is not KeyNotFoundException;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {Rule} failed on anomaly {AnomalyId}")]
    private partial void LogRuleFailed(Exception ex, string rule, string anomalyId);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
