using NetworkGrains.Abstractions.Devices;
using NetworkGrains.ML.Models;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>
/// A flow report as window readings: per interface, flows, packets and bytes per second in and out; and the
/// interval's scan/flood features under the security model's feature names (<see cref="ThreatClassifier.Features"/>),
/// so the detectors watch them and a threat model can be the device's multivariate model.
/// </summary>
public static class FlowReadings
{
    public static Reading[] From(FlowReport report)
    {
        var seconds = Math.Max((report.End - report.Start).TotalSeconds, 1);
        var security = report.Security is { } features ? Security(features, report.End) : [];
        var readings = new Reading[report.Interfaces.Length * 6 + security.Length];
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
        security.CopyTo(readings, i);
        return readings;
    }

    private static Reading[] Security(FlowSecurityFeatures f, DateTimeOffset at)
    {
        double[] values = [f.Flows, f.DistinctSources, f.DistinctDestinations, f.DistinctPorts, f.SynShare, f.BytesPerPacket, f.PacketsPerFlow, f.SourceEntropy, f.PortEntropy];
        return ThreatClassifier.Features.Select((name, i) => new Reading(name, null, at, values[i], MetricKind.Gauge)).ToArray();
    }
}
