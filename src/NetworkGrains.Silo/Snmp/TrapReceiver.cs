using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains;
using NetworkGrains.Grains.Devices.Traps;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The trap and inform receiver (UDP 1162 by default). The receive loop decodes, answers discovery at once, and hands
/// traps to dispatchers through bounded queues: it never waits for a grain. A source always goes to the same
/// dispatcher, so a device gets its traps in the order they arrived. An inform is acknowledged once it is kept: at
/// once where the trap log is in memory; where it is durable (snmp_trap), after its device has it and its row is
/// committed, within <see cref="KeepWithin"/> (else no answer, and its sender sends it again), so a kill -9 cannot lose
/// an acknowledged inform. Every drop is counted by reason in /metrics and logged at most once a minute per reason.
/// </summary>
public sealed partial class TrapReceiver(
    IOptions<SnmpOptions> options, SiloSettings settings, TrapDecoder decoder, DeviceResolver devices, ITrapLog trapLog,
    DeviceGrainReferences deviceGrains, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<TrapReceiver> logger) : BackgroundService
{
    private const int Dispatchers = 4;
    private const int QueueCapacity = 16_384;
    private const int MaxBatch = 4_096;
    /// <summary>How long a dispatcher lets traps gather once one is queued: under load, one call then carries many.</summary>
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(50);
    /// <summary>A delivery span links at most this many traps' spans besides its parent's (the SDK keeps 128).</summary>
    private const int MaxLinks = 127;
    /// <summary>How long an inform's acknowledgement waits for its row; past it the sender's retry is the better answer.</summary>
    private static readonly TimeSpan KeepWithin = TimeSpan.FromSeconds(3);
    private readonly Channel<Queued>[] _queues = Enumerable.Range(0, Dispatchers)
        .Select(_ => Channel.CreateBounded<Queued>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true }))
        .ToArray();
    private readonly DropLog _drops = new(SnmpMetrics.Dropped, clock);
    private Socket? _socket;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ListenerStart.WaitForSiloAsync(lifetime, stoppingToken);
        using var socket = new Socket(settings.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = options.Value.ReceiveBufferBytes;
        try
        {
            socket.Bind(new IPEndPoint(settings.Address, options.Value.TrapPort));
        }
        catch (SocketException ex)
        {
            // A silo that silently lacks its trap receiver would lose traps: stop, loudly and with a failure code.
            LogCannotListen(ex, settings.BindAddress, options.Value.TrapPort);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }
        LogListening(settings.BindAddress, options.Value.TrapPort, socket.ReceiveBufferSize);
        _socket = socket;

        var dispatchers = _queues.Select(queue => DispatchAsync(queue.Reader, stoppingToken)).ToArray();
        var receiving = Task.Factory.StartNew(() => UdpReceiveLoop.Run(
            socket, (datagram, source) => Receive(socket, datagram, source), () => Drop("receive_error", IPAddress.None), stoppingToken),
            TaskCreationOptions.LongRunning);
        using (stoppingToken.Register(socket.Close)) await receiving;
        foreach (var queue in _queues) queue.Writer.TryComplete();
        await Task.WhenAll(dispatchers);
    }

    /// <summary>Each datagram is the root of a trace when tracing is on: its source and kind are tagged, never a community or user.</summary>
    private void Receive(Socket socket, ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        using var span = NetworkGrainsTracing.Source.StartActivity("trap received", ActivityKind.Consumer);
        var outcome = decoder.Decode(datagram, source.Address);
        span?.SetTag("source.address", source.Address.ToString()).SetTag("ng.trap.kind", outcome.Trap is { } received ? SnakeCaseNames.Of(received.Kind) : null)
            .SetTag("ng.drop_reason", outcome.DropReason);
        if (outcome.DropReason is { } reason) Drop(reason, source.Address);
        // An inform is acknowledged only once its trap is queued (kept, where the log is durable): if it is not, its sender will send it again.
        var afterKept = outcome.Trap is not null && trapLog.Durable ? outcome.Reply : null;
        var queued = outcome.Trap is not { } trap
            || QueueFor(source.Address).Writer.TryWrite(new Queued(source, trap, span?.Context ?? default, afterKept));
        if (!queued) Drop("queue_full", source.Address);
        else if (outcome.Reply is { } reply && afterKept is null) Reply(socket, reply, source);
    }

    private void Reply(Socket socket, byte[] reply, IPEndPoint destination)
    {
        try
        {
            socket.SendTo(reply, SocketFlags.None, destination);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The sender retries an unanswered inform; at shutdown the socket is already closed.
            Drop("reply_failed", destination.Address);
        }
    }

    private Channel<Queued> QueueFor(IPAddress source) =>
        _queues[(int)((uint)source.GetHashCode() % Dispatchers)];

    /// <summary>
    /// Delivers what has gathered, one call per device with all of its traps in arrival order (devices in parallel):
    /// under load a device grain gets tens of traps per call instead of one.
    /// </summary>
    private async Task DispatchAsync(ChannelReader<Queued> queue, CancellationToken stoppingToken)
    {
        var bySource = new Dictionary<IPAddress, List<Queued>>();
        while (await queue.WaitToReadAsync(CancellationToken.None))
        {
            if (!stoppingToken.IsCancellationRequested) await Task.Delay(GatherTime, CancellationToken.None);
            for (var taken = 0; taken < MaxBatch && queue.TryRead(out var item); taken++)
            {
                if (!bySource.TryGetValue(item.Source.Address, out var items)) bySource[item.Source.Address] = items = [];
                items.Add(item);
            }
            await Task.WhenAll(bySource.Select(pair => DeliverAsync(pair.Key, pair.Value, stoppingToken)));
            bySource.Clear();
        }
    }

    private async Task DeliverAsync(IPAddress source, List<Queued> queued, CancellationToken stoppingToken)
    {
        using var span = StartDelivery(queued);
        var traps = queued.Select(q => q.Trap).ToArray();
        try
        {
            var deviceId = await devices.ResolveAsync(source);
            span?.SetTag("ng.device.id", deviceId).SetTag("ng.traps", traps.Length);
            if (deviceId is null) { Drop("unknown_source", source, traps.Length); return; }
            await deviceGrains.For(deviceId).RecordTraps(traps);
            foreach (var version in traps.CountBy(trap => trap.Version))
                SnmpMetrics.Received.Add(version.Value, new KeyValuePair<string, object?>("version", version.Key));
            var informs = queued.Where(q => q.AfterKept is not null).ToList();
            var kept = informs.Count == 0 ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!trapLog.TryAppend(deviceId, traps, kept)) Drop("trap_log_queue_full", source);
            else if (kept is not null) _ = AcknowledgeWhenKeptAsync(kept.Task, informs);
        }
        catch (Exception ex)
        {
            // Also while the silo stops (the device's silo may be going): counted, never thrown out of the dispatcher,
            // which would fail the host's graceful stop. An inform among them is not acknowledged: its sender retries.
            Drop("dispatch_failed", source, traps.Length);
            if (!stoppingToken.IsCancellationRequested) LogDispatchFailed(ex);
        }
    }

    /// <summary>Off the dispatcher: the next traps do not wait for these informs' rows.</summary>
    private async Task AcknowledgeWhenKeptAsync(Task kept, List<Queued> informs)
    {
        try
        {
            await kept.WaitAsync(KeepWithin, clock);
        }
        catch (TimeoutException)
        {
            Drop("inform_not_kept", informs[0].Source.Address, informs.Count);
            return;
        }
        foreach (var inform in informs) Reply(_socket!, inform.AfterKept!, inform.Source);
    }

    /// <summary>One call carries many traps: its span continues the first one's trace and links the others'.</summary>
    private static Activity? StartDelivery(List<Queued> queued)
    {
        if (!NetworkGrainsTracing.Source.HasListeners()) return null;
        var traced = queued.Where(q => q.Trace != default).Select(q => q.Trace).ToList();
        return traced.Count == 0 ? null : NetworkGrainsTracing.Source.StartActivity(
            "trap deliver", ActivityKind.Producer, traced[0], links: traced.Skip(1).Take(MaxLinks).Select(context => new ActivityLink(context)));
    }

    private void Drop(string reason, IPAddress source, int count = 1)
    {
        if (_drops.Count(reason, count)) LogDropped(reason, source.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SNMP trap receiver on udp {Address}:{Port} (receive buffer {Bytes} bytes)")]
    private partial void LogListening(string address, int port, int bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The SNMP trap receiver cannot listen on udp {Address}:{Port}; set Snmp:TrapPort to a free port or Snmp:TrapReceiverEnabled to false")]
    private partial void LogCannotListen(Exception ex, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNMP datagram from {Source} dropped: {Reason} (counted in ng_snmp_drops; logged once a minute per reason)")]
    private partial void LogDropped(string reason, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a trap to its device failed")]
    private partial void LogDispatchFailed(Exception ex);

    /// <summary>
    /// A trap waiting for its dispatcher, with the context of its receipt's span (default when tracing is off) and, for
    /// an inform whose acknowledgement waits until it is kept, that acknowledgement.
    /// </summary>
    private readonly record struct Queued(IPEndPoint Source, TrapEvent Trap, ActivityContext Trace, byte[]? AfterKept);
}
