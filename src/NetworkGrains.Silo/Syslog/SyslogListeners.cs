using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Options;
using NetworkGrains.Protocols.Syslog;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Syslog;

/// <summary>
/// The syslog listeners on the bind address: UDP (a receive thread of its own, many datagrams per system call),
/// TCP (RFC 6587: octet counting and newline framing) and TLS (RFC 5425, with the cluster certificate when one is
/// configured). A connection holds no buffer while it waits (zero-byte reads), at most one frame's bytes while a frame
/// is unfinished, and is closed after Syslog:TcpIdleTimeout of silence; connections beyond Syslog:MaxTcpConnections
/// are refused and counted. A port that cannot be bound stops the silo with a failure code.
/// </summary>
public sealed partial class SyslogListeners(
    IOptions<SyslogOptions> options, SiloSettings settings, SyslogPipeline pipeline, IHostApplicationLifetime lifetime, ILogger<SyslogListeners> logger)
    : BackgroundService
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private int _connections;

    /// <summary>Open TCP and TLS connections (for tests and the bench).</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ListenerStart.WaitForSiloAsync(lifetime, stoppingToken);
        var o = options.Value;
        var udp = Bind(SocketType.Dgram, ProtocolType.Udp, o.UdpPort, "udp");
        var tcp = o.TcpPort > 0 ? Bind(SocketType.Stream, ProtocolType.Tcp, o.TcpPort, "tcp") : null;
        var tls = o.TlsPort > 0 && settings.Tls is not null ? Bind(SocketType.Stream, ProtocolType.Tcp, o.TlsPort, "tls") : null;
        if (udp is null || (o.TcpPort > 0 && tcp is null) || (o.TlsPort > 0 && settings.Tls is not null && tls is null))
        {
            foreach (var socket in new[] { udp, tcp, tls }) socket?.Dispose();
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        using var closing = stoppingToken.Register(() => { udp.Close(); tcp?.Close(); tls?.Close(); });
        var receiving = Task.Factory.StartNew(() => UdpReceiveLoop.Run(
            udp, (datagram, source) => pipeline.Accept(datagram, source.Address), () => pipeline.Drop("receive_error", IPAddress.None), stoppingToken),
            TaskCreationOptions.LongRunning);
        await Task.WhenAll(receiving, AcceptAsync(tcp, secure: false, stoppingToken), AcceptAsync(tls, secure: true, stoppingToken));
    }

    private Socket? Bind(SocketType type, ProtocolType protocol, int port, string name)
    {
        var socket = new Socket(settings.Address.AddressFamily, type, protocol);
        try
        {
            if (type == SocketType.Dgram) socket.ReceiveBufferSize = options.Value.ReceiveBufferBytes;
            socket.Bind(new IPEndPoint(settings.Address, port));
            if (type == SocketType.Stream) socket.Listen(1024);
            LogListening(name, settings.BindAddress, port);
            return socket;
        }
        catch (SocketException ex)
        {
            LogCannotListen(ex, name, settings.BindAddress, port);
            socket.Dispose();
            return null;
        }
    }

    private async Task AcceptAsync(Socket? listener, bool secure, CancellationToken stoppingToken)
    {
        if (listener is null) return;
        var connections = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && stoppingToken.IsCancellationRequested))
            {
                break;
            }
            catch (SocketException)
            {
                continue; // a connection reset before it was accepted
            }
            if (Interlocked.Increment(ref _connections) > options.Value.MaxTcpConnections)
            {
                Interlocked.Decrement(ref _connections);
                pipeline.Drop("too_many_connections", Source(client));
                client.Dispose();
                continue;
            }
            connections.RemoveAll(t => t.IsCompleted);
            connections.Add(ServeAsync(client, secure, stoppingToken));
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket client, bool secure, CancellationToken stoppingToken)
    {
        var source = Source(client);
        using var decoder = new SyslogStreamDecoder(SyslogParser.MaxMessageBytes);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            if (secure)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                idle.CancelAfter(HandshakeTimeout);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = settings.Tls!.Certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, idle.Token);
            }
            while (true)
            {
                idle.CancelAfter(options.Value.TcpIdleTimeout);
                // A zero-byte read waits for data without a buffer: an idle connection holds none.
                _ = await stream.ReadAsync(Memory<byte>.Empty, idle.Token);
                var read = await stream.ReadAsync(decoder.GetWriteMemory(), idle.Token);
                if (read == 0) break;
                decoder.Advance(read);
                Deliver(decoder, source);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            pipeline.Drop(decoder.Buffered > 0 ? "idle_unfinished_frame" : "idle_timeout", source);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            if (secure && ex is AuthenticationException) pipeline.Drop("tls_handshake_failed", source);
        }
        finally
        {
            if (decoder.TryComplete(out var rest, out var error))
            {
                if (error == SyslogError.None) pipeline.Accept(rest, source);
                else pipeline.Refuse(error, source);
            }
            await stream.DisposeAsync();
            Interlocked.Decrement(ref _connections);
        }
    }

    private void Deliver(SyslogStreamDecoder decoder, IPAddress source)
    {
        while (decoder.TryRead(out var frame, out var error))
        {
            if (error == SyslogError.None) pipeline.Accept(frame, source);
            else pipeline.Refuse(error, source);
        }
    }

    private static IPAddress Source(Socket client) =>
        client.RemoteEndPoint is IPEndPoint { Address: var address } ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) : IPAddress.None;

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog listener on {Transport} {Address}:{Port}")]
    private partial void LogListening(string transport, string address, int port);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The syslog listener cannot listen on {Transport} {Address}:{Port}; set Syslog:UdpPort, TcpPort or TlsPort to a free port, or Syslog:Enabled to false")]
    private partial void LogCannotListen(Exception ex, string transport, string address, int port);
}
