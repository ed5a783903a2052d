using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>softflowd's exports of one generated pcap (Vectors/flows), and nfdump's reading of the same bytes.</summary>
public static class FlowVectors
{
    public static readonly string[] Formats = ["netflow-v5", "netflow-v9", "ipfix"];
    public static readonly FlowAddress Exporter = FlowAddress.FromIPv4(0x7F000001);

    public static byte[][] Datagrams(string format) => File.ReadAllLines(Path(format + ".hex"))
        .Where(line => line.Length > 0).Select(Convert.FromHexString).ToArray();

    /// <summary>`nfdump -o "fmt:%sa %da %sp %dp %pr %pkt %byt %ts %te"`, UTC, sorted.</summary>
    public static string[] Nfdump(string format) => File.ReadAllLines(Path(format + ".nfdump.txt")).Where(l => l.Length > 0).ToArray();

    public static IEnumerable<object[]> All() => Formats.Select(f => new object[] { f });

    private static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Vectors", "flows", name);
}

/// <summary>A sink that keeps what it is given, for tests.</summary>
public sealed class CollectingSink : IFlowSink
{
    public List<FlowRecord> Records { get; } = [];
    public Dictionary<FlowDropReason, int> Drops { get; } = [];

    public void OnRecord(in FlowRecord record) => Records.Add(record);

    public void OnDrop(FlowDropReason reason) => Drops[reason] = Drops.GetValueOrDefault(reason) + 1;
}
