using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// What every syslog listener feeds: a frame is parsed and read by the vendor rules on the listener's thread, then
/// queued (bounded) for dispatchers that deliver, per device, what gathered for up to 50 ms in one call, and hand it
/// to the syslog log. A source always goes to the same dispatcher, so a device gets its messages in arrival order.
/// Every drop is counted by reason in ng_syslog_drops and logged at most once a minute per reason.
/// </summary>
public sealed partial class SyslogPipeline(
    IOptions<SyslogOptions> options, SyslogRules rules, SyslogDevices devices, ISyslogLog log, IGrainFactory grains, TimeProvider time,
    ILogger<SyslogPipeline> logger) : BackgroundService
{
    private const int Dispatchers = 4;
    private const int QueueCapacity = 65_536;
    private const int MaxBatch = 8_192;
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(50);
    private readonly TimeZoneInfo _zone = options.Value.Zone;
    private readonly Channel<(IPAddress Source, SyslogEntry Entry)>[] _queues = Enumerable.Range(0, Dispatchers)
        .Select(_ => Channel.CreateBounded<(IPAddress, SyslogEntry)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true }))
        .ToArray();
    private readonly Dictionary<string, DateTimeOffset> _lastLogged = [];

    /// <summary>One message (a datagram or a TCP frame) from <paramref name="source"/>.</summary>
    public void Accept(ReadOnlySpan<byte> frame, IPAddress source)
    {
        var now = time.GetUtcNow();
        if (!SyslogParser.TryParse(frame, now, _zone, out var message, out var error))
        {
            Refuse(error, source);
            return;
        }
        // Stamped as it is queued, so that the order of receipt times is the order devices get their messages in.
        var entry = ToEntry(rules.Read(message!, now, _zone), time.GetUtcNow(), source);
        if (!_queues[(int)((uint)source.GetHashCode() % Dispatchers)].Writer.TryWrite((source, entry))) Drop("queue_full", source);
    }

    /// <summary>A frame the transport refused (too long, a bad octet count), or a message the parser refused.</summary>
    public void Refuse(SyslogError error, IPAddress source) => Drop(SnakeCaseNames.Of(error), source);

    public void Drop(string reason, IPAddress source, int count = 1)
    {
        SyslogMetrics.Dropped.Add(count, new KeyValuePair<string, object?>("reason", reason));
        var now = time.GetUtcNow();
        lock (_lastLogged)
        {
            if (_lastLogged.TryGetValue(reason, out var last) && now - last < TimeSpan.FromMinutes(1)) return;
            _lastLogged[reason] = now;
        }
        LogDropped(reason, source.ToString());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(_queues.Select(queue => DispatchAsync(queue.Reader, stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The listeners stopped first (hosted services stop in reverse order): deliver what they queued.
        foreach (var queue in _queues) queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private static SyslogEntry ToEntry(SyslogReading reading, DateTimeOffset receivedAt, IPAddress source)
    {
        var m = reading.Message;
        var structured = m.StructuredData.Length == 0 ? [] : m.StructuredData
            .Select(e => new SyslogElement(e.Id, [.. e.Params.Select(p => new SyslogParam(p.Name, p.Value))])).ToArray();
        return new SyslogEntry(receivedAt, m.Timestamp ?? receivedAt, source.ToString(), m.HostName, m.AppName, m.ProcId, m.MsgId,
            m.Facility, m.Severity, reading.VendorFacility, reading.Mnemonic, m.Message, structured,
            reading.EventKind is { } kind ? SnakeCaseNames.Parse<SyslogEventKind>(kind) : null, reading.Subject, reading.Protocol);
    }

    private async Task DispatchAsync(ChannelReader<(IPAddress Source, SyslogEntry Entry)> queue, CancellationToken stoppingToken)
    {
        var bySender = new Dictionary<(IPAddress, string?), List<SyslogEntry>>();
        while (await queue.WaitToReadAsync(CancellationToken.None))
        {
            if (!stoppingToken.IsCancellationRequested) await Task.Delay(GatherTime, CancellationToken.None);
            for (var taken = 0; taken < MaxBatch && queue.TryRead(out var item); taken++)
            {
                var key = (item.Source, item.Entry.HostName);
                if (!bySender.TryGetValue(key, out var entries)) bySender[key] = entries = [];
                entries.Add(item.Entry);
            }
            // Listeners on several threads queue concurrently: a device's batch goes in the order its messages were received.
            await Task.WhenAll(bySender.Select(pair => DeliverAsync(pair.Key.Item1, pair.Key.Item2, [.. pair.Value.OrderBy(e => e.ReceivedAt)], stoppingToken)));
            bySender.Clear();
        }
    }

    private async Task DeliverAsync(IPAddress source, string? hostName, SyslogEntry[] entries, CancellationToken stoppingToken)
    {
        try
        {
            var deviceId = await devices.ResolveAsync(source, hostName);
            if (deviceId is null) { Drop("unknown_source", source, entries.Length); return; }
            await grains.GetGrain<IDeviceGrain>(deviceId).RecordSyslog(entries);
            SyslogMetrics.Received.Add(entries.Length);
            foreach (var kind in entries.Where(e => e.Event is not null).CountBy(e => e.Event!.Value))
                SyslogMetrics.Events.Add(kind.Value, new KeyValuePair<string, object?>("kind", SnakeCaseNames.Of(kind.Key)));
            if (!log.TryAppend(deviceId, entries)) Drop("log_queue_full", source, entries.Length);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            Drop("dispatch_failed", source, entries.Length);
            LogDispatchFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog from {Source} dropped: {Reason} (counted in ng_syslog_drops; logged once a minute per reason)")]
    private partial void LogDropped(string reason, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering syslog messages to their device failed")]
    private partial void LogDispatchFailed(Exception ex);
}
