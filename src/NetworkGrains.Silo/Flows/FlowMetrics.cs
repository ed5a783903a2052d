using NetworkGrains.Abstractions;
using System.Diagnostics.Metrics;
using NetworkGrains.Grains;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Silo.Flows;

public static class FlowMetrics
{
    private static readonly Meter Meter = new(NetworkGrainsMetrics.MeterName);

    public static readonly Counter<long> Records =
        Meter.CreateCounter<long>("ng_flow_records", description: "Flow records decoded");
    public static readonly Counter<long> Dropped =
        Meter.CreateCounter<long>("ng_flow_drops", description: "Flow records, sets or datagrams dropped, by reason");
    private static readonly Counter<long> TemplateSyncEvents =
        Meter.CreateCounter<long>("ng_flow_template_sync", description: "Flow templates kept in the cluster: published, refused, looked up, imported, and failures, by event");

    private static readonly Dictionary<FlowDropReason, KeyValuePair<string, object?>> ReasonTags = Enum.GetValues<FlowDropReason>()
        .ToDictionary(r => r, r => new KeyValuePair<string, object?>("reason", SnakeCaseNames.Of(r)));

    public static void Drop(FlowDropReason reason) => Dropped.Add(1, ReasonTags[reason]);

    public static void Drop(string reason, long count) => Dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public static void TemplateSync(string @event, long count)
    {
        if (count > 0) TemplateSyncEvents.Add(count, new KeyValuePair<string, object?>("event", @event));
    }
}
