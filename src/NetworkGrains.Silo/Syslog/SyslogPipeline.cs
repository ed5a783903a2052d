using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Protocols.Syslog;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// What every syslog listener feeds: a frame is stamped and copied into a bounded queue (by count and by bytes) on
/// the listener's thread, which does nothing more, so that a busy machine drops as little as it can in the kernel;
/// dispatchers parse, read with the vendor rules and deliver, per device, what gathered for up to 50 ms in one call,
/// and hand it to the syslog log. A source always goes to the same dispatcher, so a device gets its messages in
/// arrival order.
/// Every drop is counted by reason in ng_syslog_drops and logged at most once a minute per reason.
/// </summary>
public sealed partial class SyslogPipeline(
    IOptions<SyslogOptions> options, SyslogRules rules, SyslogDevices devices, ISyslogLog log, DeviceGrainReferences deviceGrains, TimeProvider clock,
    ILogger<SyslogPipeline> logger) : BackgroundService
{
    private const int Dispatchers = 4;
    private const int QueueCapacity = 65_536;
    private const int MaxBatch = 8_192;
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(50);
    private readonly TimeZoneInfo _zone = options.Value.Zone;
    private const long MaxQueuedBytes = 64 * 1024 * 1024;
    private readonly Channel<Received>[] _queues = Enumerable.Range(0, Dispatchers)
        .Select(_ => Channel.CreateBounded<Received>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true }))
        .ToArray();
    private long _queuedBytes;
    private readonly DropLog _drops = new(SyslogMetrics.Dropped, clock);

    /// <summary>One message (a datagram or a TCP frame) from <paramref name="source"/>, stamped with when it was received.</summary>
    public void Accept(ReadOnlySpan<byte> frame, IPAddress source)
    {
        if (Interlocked.Add(ref _queuedBytes, frame.Length) > MaxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            Drop("queue_full", source);
            return;
        }
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(frame.Length, 1));
        frame.CopyTo(bytes);
        var received = new Received(source, bytes, frame.Length, clock.GetUtcNow());
        if (_queues[(int)((uint)source.GetHashCode() % Dispatchers)].Writer.TryWrite(received)) return;
        Release(received);
        Drop("queue_full", source);
    }

    /// <summary>The entry a received frame makes (null: refused and counted); its buffer goes back to the pool.</summary>
    private SyslogEntry? Read(Received received)
    {
        try
        {
            if (!SyslogParser.TryParse(received.Bytes.AsSpan(0, received.Length), received.At, _zone, out var message, out var error))
            {
                Refuse(error, received.Source);
                return null;
            }
            return ToEntry(rules.Read(message!, received.At, _zone), received.At, received.Source);
        }
        finally
        {
            Release(received);
        }
    }

    private void Release(Received received)
    {
        Interlocked.Add(ref _queuedBytes, -received.Length);
        ArrayPool<byte>.Shared.Return(received.Bytes);
    }

    /// <summary>A frame the transport refused (too long, a bad octet count), or a message the parser refused.</summary>
    public void Refuse(SyslogError error, IPAddress source) => Drop(SnakeCaseNames.Of(error), source);

    public void Drop(string reason, IPAddress source, int count = 1)
    {
        if (_drops.Count(reason, count)) LogDropped(reason, source.ToString());
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

    private async Task DispatchAsync(ChannelReader<Received> queue, CancellationToken stoppingToken)
    {
        var bySender = new Dictionary<(IPAddress, string?), List<SyslogEntry>>();
        while (await queue.WaitToReadAsync(CancellationToken.None))
        {
            if (!stoppingToken.IsCancellationRequested) await Task.Delay(GatherTime, CancellationToken.None);
            for (var taken = 0; taken < MaxBatch && queue.TryRead(out var item); taken++)
            {
                if (Read(item) is not { } entry) continue;
                var key = (item.Source, devices.NamingHostName(item.Source, entry.HostName));
                if (!bySender.TryGetValue(key, out var entries)) bySender[key] = entries = [];
                entries.Add(entry);
            }
            // Listeners on several threads queue concurrently: a device's batch goes in the order its messages were received.
            await Task.WhenAll(bySender.Select(pair => DeliverAsync(pair.Key.Item1, pair.Key.Item2, [.. pair.Value.OrderBy(e => e.ReceivedAt)], stoppingToken)));
            bySender.Clear();
        }
    }

    private async Task DeliverAsync(IPAddress source, string? namingHostName, SyslogEntry[] entries, CancellationToken stoppingToken)
    {
        try
        {
            var deviceId = await devices.ResolveAsync(source, namingHostName);
            if (deviceId is null) { Drop("unknown_source", source, entries.Length); return; }
            await deviceGrains.For(deviceId).RecordSyslog(entries);
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

    private readonly record struct Received(IPAddress Source, byte[] Bytes, int Length, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog from {Source} dropped: {Reason} (counted in ng_syslog_drops; logged once a minute per reason)")]
    private partial void LogDropped(string reason, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering syslog messages to their device failed")]
    private partial void LogDispatchFailed(Exception ex);
}
