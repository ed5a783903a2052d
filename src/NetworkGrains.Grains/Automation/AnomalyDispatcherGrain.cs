using System.Diagnostics;
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
/// returns once the actions are durably pending; up to <see cref="InFlight"/> events are being accepted at once,
/// so the stream is not held up by one rule's state write, and the next event waits when that many are.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Anomalies)]
public sealed partial class AnomalyDispatcherGrain(ILogger<AnomalyDispatcherGrain> logger)
    : Grain, IAnomalyDispatcherGrain, IStreamSubscriptionObserver, IAsyncObserver<AnomalyEvent>
{
    public const int InFlight = 256;
    private readonly SemaphoreSlim _slots = new(InFlight);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<AnomalyEvent>().ResumeAsync(this);

    /// <summary>The stream does not carry the publisher's trace: the event does, and the delivery to the rules goes under it.</summary>
    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        using var span = NetworkGrainsTracing.StartFrom("anomaly dispatch", ActivityKind.Consumer, item.TraceParent);
        span?.SetTag("ng.anomaly.id", item.Anomaly.Id);
        var rules = await GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Rules();
        await _slots.WaitAsync();
        _ = DeliverAsync(rules, item);
    }

    private async Task DeliverAsync(string[] rules, AnomalyEvent item)
    {
        try
        {
            await Task.WhenAll(rules.Select(rule => Deliver(rule, item)));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// One rule failing (a rule with no definition, a bug) does not keep the event from the others. A rule that could
    /// not be reached (its silo died, the call timed out while the cluster recovers) is asked again: the event is
    /// already confirmed to the stream, and Accept skips the actions it has already made pending under their keys.
    /// </summary>
    private async Task Deliver(string rule, AnomalyEvent item)
    {
        try
        {
            await TransientCalls.RetryAsync(() => GrainFactory.GetGrain<IRuleGrain>(rule).Accept(item), TransientAttempts, TimeSpan.FromSeconds(1));
        }
        catch (Exception ex)
        {
            LogRuleFailed(ex, rule, item.Anomaly.Id);
        }
    }

    /// <summary>About two minutes of a cluster recovering from a lost silo, a second apart.</summary>
    private const int TransientAttempts = 120;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {Rule} failed on anomaly {AnomalyId}")]
    private partial void LogRuleFailed(Exception ex, string rule, string anomalyId);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
