using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Silo.Flows;

/// <summary>Configuration section "Flows": the flow collector's ports and aggregation.</summary>
public sealed class FlowOptions
{
    public const string Section = "Flows";

    public bool CollectorEnabled { get; set; } = true;
    /// <summary>NetFlow v5 and v9 (the version is read from each datagram).</summary>
    [Range(1, 65_535)]
    public int NetFlowPort { get; set; } = 2055;
    [Range(1, 65_535)]
    public int IpfixPort { get; set; } = 4739;
    [Range(0, 1 << 30)]
    public int ReceiveBufferBytes { get; set; } = 16 * 1024 * 1024;
    /// <summary>How often each exporter's flows are pushed to its device grain.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AggregationInterval { get; set; } = TimeSpan.FromSeconds(10);
}
