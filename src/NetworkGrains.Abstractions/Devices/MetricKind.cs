namespace NetworkGrains.Abstractions.Devices;

/// <summary>How a reading's value is to be interpreted.</summary>
[GenerateSerializer, Alias("ng.metric-kind.v1")]
public enum MetricKind
{
    /// <summary>An instantaneous value (CPU load, ifOperStatus, a temperature).</summary>
    Gauge = 0,
    /// <summary>A monotonically increasing 32-bit counter that wraps at 2^32 (SNMP Counter32).</summary>
    Counter32 = 1,
    /// <summary>A monotonically increasing 64-bit counter (SNMP Counter64).</summary>
    Counter64 = 2,
}
