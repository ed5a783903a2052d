using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>A flow report as window readings: per interface, flows, packets and bytes per second in and out.</summary>
public static class FlowReadings
{
    public static Reading[] From(FlowReport report)
    {
        var seconds = Math.Max((report.End - report.Start).TotalSeconds, 1);
        var readings = new Reading[report.Interfaces.Length * 6];
        var i = 0;
        foreach (var flows in report.Interfaces)
        {
            var instance = flows.Interface.ToString();
            readings[i++] = Rate("flowInFlows", flows.InFlows);
            readings[i++] = Rate("flowInPackets", flows.InPackets);
            readings[i++] = Rate("flowInBytes", flows.InBytes);
            readings[i++] = Rate("flowOutFlows", flows.OutFlows);
            readings[i++] = Rate("flowOutPackets", flows.OutPackets);
            readings[i++] = Rate("flowOutBytes", flows.OutBytes);

            Reading Rate(string metric, long count) => new(metric, instance, report.End, count / seconds, MetricKind.Gauge);
        }
        return readings;
    }
}
