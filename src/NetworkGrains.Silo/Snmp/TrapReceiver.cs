using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The trap and inform receiver (UDP 1162 by default). The receive loop decodes, answers informs and discovery at
/// once, and hands traps to dispatchers through bounded queues: it never waits for a grain. A source always goes
/// to the same dispatcher, so a device gets its traps in the order they arrived. Every drop is counted by reason in
/// /metrics and logged at most once a minute per reason.
/// </summary>
public sealed partial class TrapReceiver(
    IOptions<SnmpOptions> options, SiloSettings settings, TrapDecoder decoder, DeviceResolver devices, ITrapStore store,
    IGrainFactory grains, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<TrapReceiver> logger) : BackgroundService
{
    private const int Dispatchers = 32;
    private const int QueueCapacity = 4_096;
    private readonly Channel<(IPAddress Source, TrapEvent Trap)>[] _queues = Enumerable.Range(0, Dispatchers)
        .Select(_ => Channel.CreateBounded<(IPAddress, TrapEvent)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true }))
        .ToArray();
    private readonly Dictionary<string, DateTimeOffset> _lastLogged = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitForSiloAsync(stoppingToken);
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

        var dispatchers = _queues.Select(queue => DispatchAsync(queue.Reader, stoppingToken)).ToArray();
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(settings.Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stoppingToken);
                var source = (IPEndPoint)received.RemoteEndPoint;
                var outcome = decoder.Decode(buffer.AsSpan(0, received.ReceivedBytes), source.Address);
                if (outcome.DropReason is { } reason) Drop(reason, source.Address);
                // An inform is acknowledged only once its trap is queued: if it is not, its sender will send it again.
                var queued = outcome.Trap is not { } trap || QueueFor(source.Address).Writer.TryWrite((source.Address, trap));
                if (!queued) Drop("queue_full", source.Address);
                else if (outcome.Reply is { } reply) await socket.SendToAsync(reply, SocketFlags.None, source, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        foreach (var queue in _queues) queue.Writer.TryComplete();
        await Task.WhenAll(dispatchers);
    }

    private Channel<(IPAddress Source, TrapEvent Trap)> QueueFor(IPAddress source) =>
        _queues[(int)((uint)source.GetHashCode() % Dispatchers)];

    private async Task DispatchAsync(ChannelReader<(IPAddress Source, TrapEvent Trap)> queue, CancellationToken stoppingToken)
    {
        await foreach (var (source, trap) in queue.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                var deviceId = await devices.ResolveAsync(source);
                if (deviceId is null) { Drop("unknown_source", source); continue; }
                await grains.GetGrain<IDeviceGrain>(deviceId).RecordTrap(trap);
                SnmpMetrics.Received.Add(1, new KeyValuePair<string, object?>("version", trap.Version));
                if (!store.TryStore(deviceId, trap)) Drop("store_queue_full", source);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Drop("dispatch_failed", source);
                LogDispatchFailed(ex);
            }
        }
    }

    private void Drop(string reason, IPAddress source)
    {
        SnmpMetrics.Dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var now = time.GetUtcNow();
        lock (_lastLogged)
        {
            if (_lastLogged.TryGetValue(reason, out var last) && now - last < TimeSpan.FromMinutes(1)) return;
            _lastLogged[reason] = now;
        }
        LogDropped(reason, source.ToString());
    }

    private async Task WaitForSiloAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SNMP trap receiver on udp {Address}:{Port} (receive buffer {Bytes} bytes)")]
    private partial void LogListening(string address, int port, int bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The SNMP trap receiver cannot listen on udp {Address}:{Port}; set Snmp:TrapPort to a free port or Snmp:TrapReceiverEnabled to false")]
    private partial void LogCannotListen(Exception ex, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNMP datagram from {Source} dropped: {Reason} (counted in ng_snmp_drops; logged once a minute per reason)")]
    private partial void LogDropped(string reason, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a trap to its device failed")]
    private partial void LogDispatchFailed(Exception ex);
}
