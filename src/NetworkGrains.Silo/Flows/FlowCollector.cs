using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Flows;
using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Flows;

/// <summary>
/// The flow collector: NetFlow v5/v9 on one UDP port, IPFIX on another. Each port has a receive thread of its own
/// that decodes into an accumulator and never waits for a grain; every aggregation interval the accumulated flows
/// go to each exporter's device grain in one call (exporters map to devices through the inventory). Templates are
/// kept in the cluster too (<see cref="ClusterTemplates"/>): data may reach another silo than its templates did.
/// </summary>
public sealed partial class FlowCollector(
    IOptions<FlowOptions> options, SiloSettings settings, DeviceResolver devices, DeviceGrainReferences deviceGrains, ClusterTemplates templates,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<FlowCollector> logger) : BackgroundService
{
    private readonly List<FlowAccumulator> _accumulators = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult())) await started.Task.WaitAsync(stoppingToken);

        var listeners = new List<(Socket Socket, string Listener)>();
        foreach (var (port, protocol, listener) in new[] { (options.Value.NetFlowPort, "NetFlow v5/v9", "netflow"), (options.Value.IpfixPort, "IPFIX", "ipfix") })
        {
            if (Bind(port, protocol) is not { } socket)
            {
                foreach (var bound in listeners) bound.Socket.Dispose();
                return;
            }
            listeners.Add((socket, listener));
        }
        var publisher = templates.RunAsync(stoppingToken);
        var receivers = listeners.Select(bound =>
        {
            var accumulator = new FlowAccumulator();
            _accumulators.Add(accumulator);
            var decoder = new FlowDecoder(clock, templates.For(bound.Listener));
            return Task.Factory.StartNew(() => Receive(bound.Socket, accumulator, decoder, stoppingToken), TaskCreationOptions.LongRunning);
        }).ToArray();

        var intervalStart = clock.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.AggregationInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) intervalStart = await PushIntervalAsync(intervalStart);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        foreach (var bound in listeners) bound.Socket.Close();
        await Task.WhenAll(receivers);
        await publisher;
        await PushIntervalAsync(intervalStart); // what arrived since the last tick
    }

    private Socket? Bind(int port, string protocol)
    {
        var socket = new Socket(settings.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = options.Value.ReceiveBufferBytes };
        try
        {
            socket.Bind(new IPEndPoint(settings.Address, port));
            LogListening(protocol, settings.BindAddress, port, socket.ReceiveBufferSize);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            // A silo that silently lacks its collector would lose flows: stop, loudly and with a failure code.
            LogCannotListen(ex, protocol, settings.BindAddress, port);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return null;
        }
    }

    private static void Receive(Socket socket, FlowAccumulator accumulator, FlowDecoder decoder, CancellationToken stoppingToken)
    {
        UdpReceiveLoop.Run(socket, (datagram, source) => accumulator.Add(decoder, datagram, ExporterAddress(source.Address)),
            () => FlowMetrics.Drop("receive_error", 1), stoppingToken);
    }

    private static FlowAddress ExporterAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        return length == 4 ? FlowAddress.FromIPv4(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes)) : FlowAddress.FromIPv6(bytes);
    }

    /// <summary>Sends each exporter's interval to its device, all exporters at once; returns the next interval's start.</summary>
    private async Task<DateTimeOffset> PushIntervalAsync(DateTimeOffset start)
    {
        var end = clock.GetUtcNow();
        var byExporter = new Dictionary<FlowAddress, FlowAccumulator.ExporterFlows>();
        foreach (var accumulator in _accumulators)
        {
            foreach (var (exporter, flows) in accumulator.TakeInterval())
            {
                if (byExporter.TryGetValue(exporter, out var merged)) merged.Merge(flows);
                else byExporter[exporter] = flows;
            }
        }
        await Task.WhenAll(byExporter.Select(pair => PushAsync(pair.Key, pair.Value.ToReport(start, end))));
        return end;
    }

    private async Task PushAsync(FlowAddress exporter, FlowReport report)
    {
        try
        {
            if (await devices.ResolveAsync(exporter.ToIPAddress()) is not { } deviceId)
            {
                FlowMetrics.Drop("unknown_exporter", report.Totals.Flows);
                return;
            }
            await deviceGrains.For(deviceId).RecordFlows(report);
        }
        catch (Exception ex)
        {
            FlowMetrics.Drop("push_failed", report.Totals.Flows);
            LogPushFailed(ex, exporter.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Protocol} collector on udp {Address}:{Port} (receive buffer {Bytes} bytes)")]
    private partial void LogListening(string protocol, string address, int port, int bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Protocol} collector cannot listen on udp {Address}:{Port}; set Flows:NetFlowPort / Flows:IpfixPort to free ports or Flows:CollectorEnabled to false")]
    private partial void LogCannotListen(Exception ex, string protocol, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering the flows of exporter {Exporter} to its device failed (counted in ng_flow_drops)")]
    private partial void LogPushFailed(Exception ex, string exporter);
}
