using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

/// <summary>
/// A scripted v3 agent on loopback that reports notInTimeWindows to the first real request: our manager resyncs
/// its notion of the agent's boots and time only when that Report is authenticated with the user's key.
/// </summary>
public sealed class SnmpClientTimeWindowTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("80001f8880aabbccdd");
    private static readonly UsmUser User = new("ops", AuthProtocol.Sha1, "authpass123", PrivProtocol.None, null);
    private static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");

    [Fact]
    public async Task An_authenticated_not_in_time_window_report_resynchronises_and_the_request_is_retried()
    {
        using var agent = new ScriptedAgent(authenticatedReport: true);
        await using var client = new SnmpClient();

        var pdu = await client.GetAsync(agent.Target(User), [SysUpTime]);

        Assert.Equal(PduType.Response, pdu.Type);
        Assert.Equal((500, 9_000), agent.LastBootsAndTime); // the retry carried the agent's reported clock
    }

    [Fact]
    public async Task A_forged_report_in_clear_is_refused_and_does_not_move_the_clock()
    {
        using var agent = new ScriptedAgent(authenticatedReport: false);
        await using var client = new SnmpClient();

        var error = await Assert.ThrowsAsync<SnmpResponseException>(() => client.GetAsync(agent.Target(User), [SysUpTime]));

        Assert.Contains("1.3.6.1.6.3.15.1.1.2.0", error.Message); // usmStatsNotInTimeWindows
        Assert.Equal(2, agent.Requests); // discovery and the one request: no retry with a forged clock
    }

    private sealed class ScriptedAgent : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly bool _authenticatedReport;
        private readonly Task _serving;

        public ScriptedAgent(bool authenticatedReport)
        {
            _authenticatedReport = authenticatedReport;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _serving = Task.Run(Serve);
        }

        public int Requests { get; private set; }
        public (int Boots, int Time) LastBootsAndTime { get; private set; }

        public SnmpTarget Target(UsmUser user) =>
            new((IPEndPoint)_socket.LocalEndPoint!, SnmpVersion.V3, User: user) { Timeout = TimeSpan.FromSeconds(10), Retries = 0 }; // no retries: the agent counts requests; room for a busy CI core

        private async Task Serve()
        {
            var buffer = new byte[4_096];
            while (true)
            {
                SocketReceiveFromResult received;
                try { received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0)); }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException) { return; }
                Assert.True(V3Message.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), out var request, out _));
                Requests++;
                LastBootsAndTime = (request.Usm.EngineBoots, request.Usm.EngineTime);
                var pdu = request.PlainPdu!.Pdu;
                byte[] answer = Requests switch
                {
                    1 => Report(request, UsmStats.UnknownEngineIds, 1, 100, user: null),          // discovery
                    2 => Report(request, UsmStats.NotInTimeWindows, 500, 9_000, _authenticatedReport ? User : null),
                    _ => V3MessageWriter.Encode(request.MessageId, V3Flags.None, EngineId, 500, 9_001, User.NameBytes, User,
                        new ScopedPdu(EngineId, [], pdu with
                        {
                            Type = PduType.Response,
                            VarBinds = [new VarBind(SysUpTime, SnmpValue.TimeTicks(42))]
                        })),
                };
                await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint);
            }
        }

        private static byte[] Report(V3Message request, Oid counter, int boots, int time, UsmUser? user) =>
            V3MessageWriter.Encode(request.MessageId, V3Flags.None, EngineId, boots, time, user?.NameBytes ?? [], user,
                new ScopedPdu(EngineId, [], new Pdu(PduType.Report, request.PlainPdu!.Pdu.RequestId, 0, 0,
                    [new VarBind(counter, SnmpValue.Counter32(1))])), withPrivacy: false);

        public void Dispose()
        {
            _socket.Dispose();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
