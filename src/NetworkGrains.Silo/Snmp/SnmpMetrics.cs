using System.Diagnostics.Metrics;
using NetworkGrains.Grains;

namespace NetworkGrains.Silo.Snmp;

public static class SnmpMetrics
{
    private static readonly Meter Meter = new(NetworkGrainsMetrics.MeterName);

    public static readonly Counter<long> Received =
        Meter.CreateCounter<long>("ng_snmp_notifications_received", description: "Traps and informs accepted, by version");
    public static readonly Counter<long> Dropped =
        Meter.CreateCounter<long>("ng_snmp_drops", description: "SNMP datagrams dropped, by reason");
    public static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("ng_snmp_requests", description: "Requests sent to agents: round trips, a request's retries counted once");
    public static readonly Counter<long> WalkFailures =
        Meter.CreateCounter<long>("ng_snmp_walk_failures", description: "Table walks failed by an agent's answer, by reason");
}
