using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Silo.Flows;

/// <summary>
/// Adds decoded records up per exporter and interface for the current interval. Fed by one receive loop (under the
/// accumulator's lock) and emptied by the collector's timer. Bounded: exporters and interfaces beyond the limits
/// still count in the totals of what is kept, and the excess is counted as dropped.
/// </summary>
public sealed class FlowAccumulator : IFlowSink
{
    private const int MaxExporters = 10_000;
    private const int MaxInterfacesPerExporter = 4_096;

    private readonly Lock _lock = new();
    private Dictionary<FlowAddress, ExporterFlows> _exporters = [];
    private ExporterFlows? _current;
    private long _records;

    /// <summary>Decodes one datagram from <paramref name="exporter"/> into the interval.</summary>
    public void Add(FlowDecoder decoder, ReadOnlySpan<byte> datagram, FlowAddress exporter)
    {
        lock (_lock)
        {
            if (!_exporters.TryGetValue(exporter, out _current))
            {
                if (_exporters.Count >= MaxExporters) { FlowMetrics.Drop("exporter_limit", 1); return; }
                _exporters[exporter] = _current = new ExporterFlows();
            }
            _records = 0;
            decoder.Decode(datagram, exporter, this);
            if (_records > 0) FlowMetrics.Records.Add(_records);
        }
    }

    /// <summary>The interval so far, leaving an empty one in its place.</summary>
    public Dictionary<FlowAddress, ExporterFlows> TakeInterval()
    {
        lock (_lock)
        {
            var taken = _exporters;
            _exporters = [];
            return taken;
        }
    }

    public void OnRecord(in FlowRecord record)
    {
        _records++;
        _current!.Add(record);
    }

    public void OnDrop(FlowDropReason reason) => FlowMetrics.Drop(reason);

    /// <summary>One exporter's interval: totals as exported and sampled, sampled traffic per interface, and its top talkers.</summary>
    public sealed class ExporterFlows
    {
        private long _flows, _packets, _bytes, _sampledPackets, _sampledBytes;
        private readonly Dictionary<uint, InterfaceCounters> _interfaces = [];
        private readonly ExporterTalkers _talkers = new();

        public void Add(in FlowRecord record)
        {
            _flows++;
            _packets += (long)record.Packets;
            _bytes += (long)record.Bytes;
            _sampledPackets += (long)record.SampledPackets;
            _sampledBytes += (long)record.SampledBytes;
            if (record.InputInterface != 0) Interface(record.InputInterface)?.AddIn(record);
            if (record.OutputInterface != 0) Interface(record.OutputInterface)?.AddOut(record);
            _talkers.Add(record);
        }

        public void Merge(ExporterFlows other)
        {
            (_flows, _packets, _bytes) = (_flows + other._flows, _packets + other._packets, _bytes + other._bytes);
            (_sampledPackets, _sampledBytes) = (_sampledPackets + other._sampledPackets, _sampledBytes + other._sampledBytes);
            foreach (var (index, counters) in other._interfaces)
            {
                if (Interface(index) is { } mine) mine.Merge(counters);
            }
            _talkers.Merge(other._talkers);
        }

        public FlowReport ToReport(DateTimeOffset start, DateTimeOffset end) => new(start, end,
            new FlowTotals(_flows, _packets, _bytes, _sampledPackets, _sampledBytes),
            _interfaces.OrderBy(i => i.Key).Select(i => i.Value.ToFlows(i.Key)).ToArray())
        {
            Talkers = _talkers.ToTopTalkers(),
            Security = _talkers.ToSecurity(),
        };

        private InterfaceCounters? Interface(uint index)
        {
            if (_interfaces.TryGetValue(index, out var counters)) return counters;
            if (_interfaces.Count >= MaxInterfacesPerExporter) { FlowMetrics.Drop("interface_limit", 1); return null; }
            return _interfaces[index] = new InterfaceCounters();
        }
    }

    private sealed class InterfaceCounters
    {
        private long _inFlows, _inPackets, _inBytes, _outFlows, _outPackets, _outBytes;

        public void AddIn(in FlowRecord r) => (_inFlows, _inPackets, _inBytes) = (_inFlows + 1, _inPackets + (long)r.SampledPackets, _inBytes + (long)r.SampledBytes);

        public void AddOut(in FlowRecord r) => (_outFlows, _outPackets, _outBytes) = (_outFlows + 1, _outPackets + (long)r.SampledPackets, _outBytes + (long)r.SampledBytes);

        public void Merge(InterfaceCounters o)
        {
            (_inFlows, _inPackets, _inBytes) = (_inFlows + o._inFlows, _inPackets + o._inPackets, _inBytes + o._inBytes);
            (_outFlows, _outPackets, _outBytes) = (_outFlows + o._outFlows, _outPackets + o._outPackets, _outBytes + o._outBytes);
        }

        public InterfaceFlows ToFlows(uint index) => new(index, _inFlows, _inPackets, _inBytes, _outFlows, _outPackets, _outBytes);
    }
}
