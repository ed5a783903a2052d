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
/// the first event and re-attached by Orleans after any restart; each event goes to every rule, whose Handle decides.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Anomalies)]
public sealed partial class AnomalyDispatcherGrain(ILogger<AnomalyDispatcherGrain> logger)
    : Grain, IAnomalyDispatcherGrain, IStreamSubscriptionObserver, IAsyncObserver<AnomalyEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<AnomalyEvent>().ResumeAsync(this);

    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        var rules = await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Rules();
        await Task.WhenAll(rules.Select(rule => Deliver(rule, item)));
    }

    /// <summary>One rule failing (a rule with no definition, a bug) does not keep the event from the others.</summary>
    private async Task Deliver(string rule, AnomalyEvent item)
    {
        try
        {
            await GrainFactory.GetGrain<IRuleGrain>(rule).Handle(item, force: false);
        }
        catch (Exception ex)
        {
            LogRuleFailed(ex, rule, item.Anomaly.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {Rule} failed on anomaly {AnomalyId}")]
    private partial void LogRuleFailed(Exception ex, string rule, string anomalyId);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
