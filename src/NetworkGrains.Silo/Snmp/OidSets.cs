using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>A table column the poller walks: the readings are named after the column, the instance is its index.</summary>
public sealed record PolledColumn(string Metric, Oid Oid, MetricKind Kind)
{
    /// <summary>A cell of this column as a reading (its instance the arcs past the column), or null when it is not a number.</summary>
    public Reading? ToReading(VarBind cell, DateTimeOffset at) =>
        OidSets.ToReading(Metric, string.Join('.', cell.Oid.Arcs[Oid.Length..].ToArray()), cell.Value, Kind, at);
}

/// <summary>The built-in OID sets (<see cref="PollingSets"/>).</summary>
public static class OidSets
{
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");

    /// <summary>sysUpTime's object: as a GetBulk non-repeater (a GetNext) it reads <see cref="SysUpTime"/>.</summary>
    public static readonly Oid SysUpTimeObject = Oid.Parse("1.3.6.1.2.1.1.3");

    private static readonly PolledColumn[] Interfaces =
    [
        new("ifHCInOctets", Oid.Parse("1.3.6.1.2.1.31.1.1.1.6"), MetricKind.Counter64),
        new("ifHCOutOctets", Oid.Parse("1.3.6.1.2.1.31.1.1.1.10"), MetricKind.Counter64),
        new("ifInErrors", Oid.Parse("1.3.6.1.2.1.2.2.1.14"), MetricKind.Counter32),
        new("ifOutErrors", Oid.Parse("1.3.6.1.2.1.2.2.1.20"), MetricKind.Counter32),
        new("ifInDiscards", Oid.Parse("1.3.6.1.2.1.2.2.1.13"), MetricKind.Counter32),
        new("ifOutDiscards", Oid.Parse("1.3.6.1.2.1.2.2.1.19"), MetricKind.Counter32),
        new("ifOperStatus", Oid.Parse("1.3.6.1.2.1.2.2.1.8"), MetricKind.Gauge),
        new("ifHighSpeed", Oid.Parse("1.3.6.1.2.1.31.1.1.1.15"), MetricKind.Gauge),
    ];

    private static readonly PolledColumn[] HostResources =
    [
        new("hrProcessorLoad", Oid.Parse("1.3.6.1.2.1.25.3.3.1.2"), MetricKind.Gauge),
        new("hrStorageUsed", Oid.Parse("1.3.6.1.2.1.25.2.3.1.6"), MetricKind.Gauge),
        new("hrStorageSize", Oid.Parse("1.3.6.1.2.1.25.2.3.1.5"), MetricKind.Gauge),
        new("hrStorageAllocationUnits", Oid.Parse("1.3.6.1.2.1.25.2.3.1.4"), MetricKind.Gauge),
    ];

    public static IReadOnlyList<PolledColumn> Columns(string set) => set switch
    {
        PollingSets.Interfaces => Interfaces,
        PollingSets.HostResources => HostResources,
        _ => [],
    };

    /// <summary>A polled value as a reading, or null when it is not a number (a string, an exception value).</summary>
    public static Reading? ToReading(string metric, string? instance, SnmpValue value, MetricKind kind, DateTimeOffset at) =>
        value.IsNumeric && ReadingRules.IsValidCounterValue(kind, value.AsDouble)
            ? new Reading(metric, instance, at, value.AsDouble, kind)
            : null;
}
