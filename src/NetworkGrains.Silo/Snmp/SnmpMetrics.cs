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
}
