using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// A device's flow exports: NetFlow v9 from even-numbered devices, IPFIX from odd ones, templates first and again
/// every <see cref="TemplateEvery"/> datagrams (as exporters refresh them). Ordinary traffic is web, DNS and SSH
/// between the device's users and servers; a flow flood adds SYN-only flows from one source, half of them to port 80
/// (the flood) and half to ports it walks through (the scan).
/// </summary>
public sealed class FleetFlows(FleetDevice device, int flowsPerSecond)
{
    private const int TemplateEvery = 20;
    private readonly FlowExportWriter _writer = new(device.Index % 2 == 0 ? 9 : 10, (uint)device.Index);
    private readonly Random _random = new(device.Index);
    private int _datagrams;
    private ushort _scanPort = 1;

    public int Version => device.Index % 2 == 0 ? 9 : 10;

    /// <summary>Flow records exported so far.</summary>
    public long Records { get; private set; }

    /// <summary>The datagrams covering one second of traffic ending at <paramref name="now"/>.</summary>
    public IEnumerable<byte[]> Second(DateTimeOffset now)
    {
        var end = now.ToUnixTimeMilliseconds();
        var upTime = (uint)(now - device.Boot).TotalMilliseconds;
        var records = RecordsAt(now);
        for (var offset = 0; offset < records.Count; offset += _writer.RecordsPerDatagram)
        {
            if (_datagrams++ % TemplateEvery == 0) yield return _writer.Template();
            var batch = records.GetRange(offset, Math.Min(_writer.RecordsPerDatagram, records.Count - offset)).ToArray();
            Records += batch.Length;
            yield return _writer.Data(batch, end, upTime);
        }
    }

    /// <summary>The flow records of one second of traffic ending at <paramref name="now"/>: ordinary ones, and a flood's.</summary>
    public List<FlowRecord> RecordsAt(DateTimeOffset now)
    {
        var end = now.ToUnixTimeMilliseconds();
        var records = new List<FlowRecord>();
        for (var i = 0; i < flowsPerSecond; i++) records.Add(Ordinary(now, end));
        if (device.Active(IncidentKind.FlowFlood, now, null))
            for (var i = 0; i < flowsPerSecond * 20; i++) records.Add(Attack(end, i % 2 == 0));
        return records;
    }

    private FlowRecord Ordinary(DateTimeOffset now, long end)
    {
        var ifIndex = _random.Next(1, device.Interfaces + 1);
        var protocol = _random.Next(10) < 8 ? (byte)6 : (byte)17;
        var bytesPerFlow = device.BytesPerSecond(ifIndex, now) / Math.Max(1, flowsPerSecond / device.Interfaces);
        var bytes = (ulong)Math.Max(0, bytesPerFlow * (0.5 + _random.NextDouble()));
        return new FlowRecord
        {
            Source = FlowAddress.FromIPv4(0x0A00_0000u | (uint)(device.Index << 8) | (uint)_random.Next(1, 250)),
            Destination = FlowAddress.FromIPv4(0xC0A8_0000u | (uint)_random.Next(1, 4_096)),
            SourcePort = (ushort)_random.Next(1_024, 65_535),
            DestinationPort = protocol == 17 ? (ushort)53 : new ushort[] { 443, 443, 80, 22 }[_random.Next(4)],
            Protocol = protocol,
            TcpFlags = protocol == 6 ? (byte)0x1B : (byte)0,
            Bytes = bytes,
            Packets = Math.Max(1, bytes / 900),
            InputInterface = (uint)ifIndex,
            OutputInterface = (uint)(ifIndex % device.Interfaces + 1),
            SourceAs = 64_512,
            DestinationAs = 64_512u + (uint)_random.Next(1, 100),
            StartMilliseconds = end - 1_000,
            EndMilliseconds = end,
            SamplingInterval = 1,
        };
    }

    private FlowRecord Attack(long end, bool flood) => new()
    {
        Source = FlowAddress.FromIPv4(0xCB00_7100u | 66), // 203.0.113.66, a documentation address
        Destination = FlowAddress.FromIPv4(0x0A00_0000u | (uint)(device.Index << 8) | 10),
        SourcePort = (ushort)_random.Next(1_024, 65_535),
        DestinationPort = flood ? (ushort)80 : _scanPort++,
        Protocol = 6,
        TcpFlags = 0x02, // SYN only
        Bytes = 60,
        Packets = 1,
        InputInterface = 1,
        OutputInterface = (uint)Math.Min(2, device.Interfaces),
        SourceAs = 64_999,
        DestinationAs = 64_512,
        StartMilliseconds = end - 1_000,
        EndMilliseconds = end,
        SamplingInterval = 1,
    };
}
