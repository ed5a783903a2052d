using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// A simulated device on the wire: an SNMPv2c agent on its own loopback address (system, IF-MIB ifTable/ifXTable,
/// HOST-RESOURCES hrProcessorLoad) that answers Get, GetNext and GetBulk from the device model, and the same
/// socket sending its traps, informs (retried until the receiver acknowledges) and flow exports.
/// </summary>
public sealed class FleetAgent : IDisposable
{
    private readonly FleetDevice _device;
    private readonly byte[] _community;
    private readonly Socket _socket;
    private readonly Oid[] _mib;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _informs = new();
    private readonly Action<byte[], IPEndPoint, IPEndPoint>? _sent;
    private int _requestId;

    public FleetAgent(FleetDevice device, string community, int port, Action<byte[], IPEndPoint, IPEndPoint>? sent)
    {
        _device = device;
        _community = System.Text.Encoding.UTF8.GetBytes(community);
        _sent = sent;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(device.Address, port));
        _mib = InterfaceMib.Oids(device.Interfaces, InterfaceMib.HrProcessorLoad);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_socket.LocalEndPoint!;
    public int Answered { get; private set; }

    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (!CommunityMessage.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var message, out _)) continue;
            if (message.Pdu.Type == PduType.Response)
            {
                if (_informs.TryRemove(message.Pdu.RequestId, out var acknowledged)) acknowledged.TrySetResult();
                continue;
            }
            if (!message.Community.AsSpan().SequenceEqual(_community)) continue; // a wrong community gets no answer, as agents do
            var now = DateTimeOffset.UtcNow;
            await SendAsync(message with { Pdu = InterfaceMib.Answer(message.Pdu, _mib, oid => InterfaceMib.Value(_device, oid, now)) }, (IPEndPoint)received.RemoteEndPoint);
            Answered++;
        }
    }

    /// <summary>An SNMPv2c trap (linkDown 1.3.6.1.6.3.1.1.5.3, linkUp ...5.4) naming the interface.</summary>
    public Task TrapAsync(Oid trap, int ifIndex, IPEndPoint receiver) =>
        SendAsync(Notification(PduType.TrapV2, trap, ifIndex), receiver);

    /// <summary>An SNMPv2c inform, sent again every second until acknowledged (at most <paramref name="attempts"/> times).</summary>
    public async Task<bool> InformAsync(Oid notification, IPEndPoint receiver, int attempts = 5)
    {
        var message = Notification(PduType.InformRequest, notification, 1);
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _informs[message.Pdu.RequestId] = acknowledged;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            await SendAsync(message, receiver);
            if (await Task.WhenAny(acknowledged.Task, Task.Delay(TimeSpan.FromSeconds(1))) == acknowledged.Task) return true;
        }
        _informs.TryRemove(message.Pdu.RequestId, out _);
        return false;
    }

    public async Task SendAsync(byte[] datagram, IPEndPoint receiver)
    {
        _sent?.Invoke(datagram, Endpoint, receiver);
        await _socket.SendToAsync(datagram, SocketFlags.None, receiver);
    }

    private Task SendAsync(CommunityMessage message, IPEndPoint receiver) => SendAsync(message.Encode(), receiver);

    private CommunityMessage Notification(PduType type, Oid notification, int ifIndex) => new(SnmpVersion.V2c, _community, new Pdu(type,
        Interlocked.Increment(ref _requestId), 0, 0,
        [
            new VarBind(InterfaceMib.SysUpTime, InterfaceMib.UpTime(_device, DateTimeOffset.UtcNow)),
            new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(notification)),
            new VarBind(InterfaceMib.IfTable.Append(1, (uint)ifIndex), SnmpValue.Integer(ifIndex)),
            new VarBind(InterfaceMib.IfTable.Append(2, (uint)ifIndex), SnmpValue.OctetString($"GigabitEthernet0/{ifIndex}")), // ifDescr, as IOS sends it
            new VarBind(InterfaceMib.IfTable.Append(7, (uint)ifIndex), SnmpValue.Integer(1)),
            new VarBind(InterfaceMib.IfTable.Append(8, (uint)ifIndex), SnmpValue.Integer(_device.IsUp(ifIndex, DateTimeOffset.UtcNow) ? 1 : 2)),
            new VarBind(InterfaceMib.HrProcessorLoad, SnmpValue.Integer((int)_device.Cpu(DateTimeOffset.UtcNow))),
        ]));

    public void Dispose() => _socket.Dispose();
}
