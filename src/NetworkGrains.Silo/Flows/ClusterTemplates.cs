using System.Collections.Concurrent;
using System.Threading.Channels;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Silo.Flows;

/// <summary>
/// Keeps the collectors' templates in the cluster (<see cref="IFlowTemplateGrain"/>, one per exporter and domain), so
/// that data reaching any silo decodes with templates another silo received. The receive loops only enqueue or start
/// a task: templates learnt are published in batches by <see cref="RunAsync"/>; a template missed starts a lookup,
/// at most one at a time per exporter and domain and then not again for <see cref="LookupBackoff"/>, whose answer
/// the cache takes in before its next lookup. Until then the data sets are counted as unknown_template drops.
/// </summary>
public sealed partial class ClusterTemplates(IGrainFactory grains, TimeProvider clock, ILogger<ClusterTemplates> logger)
{
    private const int QueueCapacity = 4_096;
    private const int MaxLookupsInFlight = 256;
    private const int MaxKeys = 65_536;
    public static readonly TimeSpan LookupBackoff = TimeSpan.FromSeconds(1);

    private readonly Channel<(string Key, FlowTemplateSpec Template)> _learnt =
        Channel.CreateBounded<(string, FlowTemplateSpec)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    /// <summary>Per key, when its last lookup ended (ms), or long.MaxValue while one is in flight.</summary>
    private readonly ConcurrentDictionary<string, long> _asked = new(StringComparer.Ordinal);
    private int _inFlight;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The observer for one listener's decoder: "netflow" (v9) or "ipfix".</summary>
    public ITemplateObserver For(string listener) => new Listener(this, listener);

    /// <summary>Publishes learnt templates until stopped, then what is still queued.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _learnt.Reader.WaitToReadAsync(stoppingToken)) await PublishAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await PublishAsync();
    }

    private async Task PublishAsync()
    {
        var batch = new Dictionary<string, List<FlowTemplateSpec>>(StringComparer.Ordinal);
        while (batch.Count < 1_024 && _learnt.Reader.TryRead(out var item))
        {
            if (!batch.TryGetValue(item.Key, out var templates)) batch[item.Key] = templates = [];
            templates.Add(item.Template);
        }
        await Task.WhenAll(batch.Select(async pair =>
        {
            try
            {
                var refused = await grains.GetGrain<IFlowTemplateGrain>(pair.Key).Learn([.. pair.Value]);
                FlowMetrics.TemplateSync("published", pair.Value.Count - refused);
                FlowMetrics.TemplateSync("refused", refused);
            }
            catch (Exception ex)
            {
                FlowMetrics.TemplateSync("publish_failed", pair.Value.Count);
                LogPublishFailed(ex, pair.Key);
            }
        }));
    }

    private void Learnt(string listener, FlowAddress exporter, uint domain, FlowTemplate template)
    {
        if (!_learnt.Writer.TryWrite((FlowTemplateKey.Of(listener, exporter.ToString(), domain), FlowTemplateSpecs.ToSpec(template))))
            FlowMetrics.TemplateSync("publish_queue_full", 1);
    }

    private void Missed(string listener, TemplateCache cache, FlowAddress exporter, uint domain)
    {
        var key = FlowTemplateKey.Of(listener, exporter.ToString(), domain);
        if (_asked.TryGetValue(key, out var last) && (last == long.MaxValue || Now - last < (long)LookupBackoff.TotalMilliseconds)) return;
        if (Volatile.Read(ref _inFlight) >= MaxLookupsInFlight) { FlowMetrics.TemplateSync("lookup_skipped", 1); return; }
        if (_asked.Count >= MaxKeys) _asked.Clear();
        _asked[key] = long.MaxValue;
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(() => LookupAsync(key, cache, exporter, domain));
    }

    private async Task LookupAsync(string key, TemplateCache cache, FlowAddress exporter, uint domain)
    {
        try
        {
            var found = await grains.GetGrain<IFlowTemplateGrain>(key).GetAll();
            var usable = found.Where(FlowTemplateSpecs.IsUsable).Select(FlowTemplateSpecs.ToTemplate).ToArray();
            cache.Import(exporter, domain, usable);
            FlowMetrics.TemplateSync("looked_up", 1);
            FlowMetrics.TemplateSync("imported", usable.Length);
        }
        catch (Exception ex)
        {
            FlowMetrics.TemplateSync("lookup_failed", 1);
            LogLookupFailed(ex, key);
        }
        finally
        {
            _asked[key] = Now;
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private sealed class Listener(ClusterTemplates owner, string listener) : ITemplateObserver
    {
        public void Learnt(FlowAddress exporter, uint domain, FlowTemplate template) => owner.Learnt(listener, exporter, domain, template);

        public void Missed(TemplateCache cache, FlowAddress exporter, uint domain, ushort templateId) => owner.Missed(listener, cache, exporter, domain);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the flow templates of {Key} in the cluster failed (counted in ng_flow_template_sync)")]
    private partial void LogPublishFailed(Exception ex, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking the cluster for the flow templates of {Key} failed (counted in ng_flow_template_sync)")]
    private partial void LogLookupFailed(Exception ex, string key);
}
