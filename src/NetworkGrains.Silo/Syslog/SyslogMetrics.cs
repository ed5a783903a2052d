using System.Diagnostics.Metrics;
using NetworkGrains.Grains;

namespace NetworkGrains.Silo.Syslog;

public static class SyslogMetrics
{
    private static readonly Meter Meter = new(NetworkGrainsMetrics.MeterName);

    public static readonly Counter<long> Received =
        Meter.CreateCounter<long>("ng_syslog_messages", description: "Syslog messages delivered to their devices, by transport");
    public static readonly Counter<long> Dropped =
        Meter.CreateCounter<long>("ng_syslog_drops", description: "Syslog messages and frames dropped, by reason");
    /// <summary>Matches of the vendor rules that ran past their timeout (the rule did not match).</summary>
    public static void ObserveRuleTimeouts(NetworkGrains.Protocols.Syslog.SyslogRules rules) =>
        Meter.CreateObservableCounter("ng_syslog_rule_timeouts", () => rules.Timeouts, description: "Vendor rule matches that ran past their timeout");

    public static readonly Counter<long> Events =
        Meter.CreateCounter<long>("ng_syslog_events", description: "Syslog messages typed as device events, by kind");
}
