using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// A manager: Get, GetNext, GetBulk, Set and walks over one UDP socket shared by all requests, matched to their
/// answers by request id (v1/v2c) or msgID (v3). For v3 it discovers each agent's engine (RFC 3414 §4), keeps its
/// boots and time, and resynchronises once when the agent reports notInTimeWindows.
/// </summary>
public sealed class SnmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<byte[]>> _pending = new();
    private readonly ConcurrentDictionary<IPEndPoint, AgentEngine> _engines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId = Random.Shared.Next(1, int.MaxValue / 2);

    public SnmpClient(IPAddress? localAddress = null)
    {
        var address = localAddress ?? IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        if (address.Equals(IPAddress.IPv6Any)) _socket.DualMode = true; // one socket for IPv4 and IPv6 agents
        _socket.Bind(new IPEndPoint(address, 0));
        _receiving = ReceiveAsync();
    }

    public Task<Pdu> GetAsync(SnmpTarget target, IEnumerable<Oid> oids, CancellationToken cancellationToken = default) =>
        RequestAsync(target, PduType.GetRequest, 0, 0, Names(oids), cancellationToken);

    public Task<Pdu> GetNextAsync(SnmpTarget target, IEnumerable<Oid> oids, CancellationToken cancellationToken = default) =>
        RequestAsync(target, PduType.GetNextRequest, 0, 0, Names(oids), cancellationToken);

    public Task<Pdu> GetBulkAsync(SnmpTarget target, int nonRepeaters, int maxRepetitions, IEnumerable<Oid> oids, CancellationToken cancellationToken = default) =>
        RequestAsync(target, PduType.GetBulkRequest, nonRepeaters, maxRepetitions, Names(oids), cancellationToken);

    public Task<Pdu> SetAsync(SnmpTarget target, IReadOnlyList<VarBind> varBinds, CancellationToken cancellationToken = default) =>
        RequestAsync(target, PduType.SetRequest, 0, 0, varBinds, cancellationToken);

    /// <summary>Every variable under <paramref name="root"/>, in order: GetBulk (v2c/v3) or GetNext (v1).</summary>
    public async Task<List<VarBind>> WalkAsync(SnmpTarget target, Oid root, int maxRepetitions = 25, CancellationToken cancellationToken = default)
    {
        var result = new List<VarBind>();
        var cursor = root;
        while (true)
        {
            var pdu = target.Version == SnmpVersion.V1
                ? await GetNextAsync(target, [cursor], cancellationToken)
                : await GetBulkAsync(target, 0, maxRepetitions, [cursor], cancellationToken);
            if (pdu.ErrorStatus != 0 || pdu.VarBinds.Count == 0) return result; // v1 noSuchName ends a walk
            foreach (var varBind in pdu.VarBinds)
            {
                if (varBind.Value.IsException || !varBind.Oid.StartsWith(root)) return result;
                if (result.Count > 0 && varBind.Oid.CompareTo(result[^1].Oid) <= 0) throw new SnmpResponseException($"{target} returned OIDs out of order");
                result.Add(varBind);
            }
            cursor = result[^1].Oid;
        }
    }

    private async Task<Pdu> RequestAsync(SnmpTarget target, PduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> varBinds, CancellationToken cancellationToken)
    {
        if (target.Version != SnmpVersion.V3)
        {
            var id = NextId();
            var message = new CommunityMessage(target.Version, target.Community ?? [], new Pdu(type, id, errorStatus, errorIndex, varBinds));
            var answer = await ExchangeAsync(target, id, message.Encode(), cancellationToken);
            if (!CommunityMessage.TryDecode(answer, out var response, out var error)) throw new SnmpResponseException($"{target} answered with a malformed message ({error})");
            return response.Pdu;
        }

        var user = target.User ?? throw new ArgumentException("A v3 target needs a user.", nameof(target));
        for (var attempt = 0; ; attempt++)
        {
            var engine = await EngineAsync(target, cancellationToken);
            var id = NextId();
            var request = V3MessageWriter.Encode(id, V3Flags.Reportable, engine.EngineId, engine.Boots, engine.EstimatedTime, user.NameBytes, user,
                new ScopedPdu(engine.EngineId, [], new Pdu(type, id, errorStatus, errorIndex, varBinds)));
            var answer = await ExchangeAsync(target, id, request, cancellationToken);
            if (!V3Message.TryDecode(answer, out var message, out var error)) throw new SnmpResponseException($"{target} answered with a malformed message ({error})");

            // Reports travel without privacy, so their PDU is readable here (RFC 3414 §3.1.2).
            if (message.PlainPdu?.Pdu is { Type: PduType.Report } report)
            {
                // Only an authenticated Report may resynchronise us: anyone can forge one in clear and shift our clock.
                if (attempt == 0 && report.VarBinds.FirstOrDefault().Oid?.Equals(UsmStats.NotInTimeWindows) == true
                    && UsmProcessor.IsAuthenticated(answer, message, user))
                {
                    _engines[target.Endpoint] = AgentEngine.From(message.Usm);
                    continue;
                }
                throw new SnmpResponseException($"{target} refused the request: {report.VarBinds.FirstOrDefault().Oid}");
            }
            if (!UsmProcessor.TryOpen(answer, message, user, out var opened, out var usmError))
                throw new SnmpResponseException($"{target} answer failed USM checks ({usmError})");
            return opened.Pdu;
        }
    }

    private async Task<AgentEngine> EngineAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        if (_engines.TryGetValue(target.Endpoint, out var known)) return known;
        var id = NextId();
        var probe = V3MessageWriter.Encode(id, V3Flags.Reportable, [], 0, 0, [], null, new ScopedPdu([], [], new Pdu(PduType.GetRequest, id, 0, 0, [])));
        var answer = await ExchangeAsync(target, id, probe, cancellationToken);
        if (!V3Message.TryDecode(answer, out var report, out _) || report.Usm.EngineId.Length == 0)
            throw new SnmpResponseException($"{target} did not reveal its engine ID");
        return _engines[target.Endpoint] = AgentEngine.From(report.Usm);
    }

    private async Task<byte[]> ExchangeAsync(SnmpTarget target, int id, byte[] request, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        SnmpMetrics.Requests.Add(1);
        try
        {
            for (var attempt = 0; attempt <= target.Retries; attempt++)
            {
                await _socket.SendToAsync(request, SocketFlags.None, target.Endpoint, cancellationToken);
                try
                {
                    return await answer.Task.WaitAsync(target.Timeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                }
            }
            throw new SnmpTimeoutException(target);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var datagram = buffer.AsSpan(0, received.ReceivedBytes);
                if (SnmpMessage.TryReadAnswerId(datagram, out var id) && _pending.TryGetValue(id, out var waiting)) waiting.TrySetResult(datagram.ToArray());
            }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { } // an ICMP port unreachable from a closed agent port: the request times out
        }
    }

    /// <summary>A request's variable bindings: the names asked for, with NULL values.</summary>
    private static VarBind[] Names(IEnumerable<Oid> oids) => oids.Select(o => new VarBind(o, SnmpValue.Null)).ToArray();

    private int NextId() => Interlocked.Increment(ref _nextId) & int.MaxValue;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try { await _receiving; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }

    /// <summary>What we know of an agent's engine, and when we learnt it (to estimate its time now).</summary>
    private sealed record AgentEngine(byte[] EngineId, int Boots, int Time, long LearntAt)
    {
        public int EstimatedTime => Time + (int)TimeSpan.FromMilliseconds(Environment.TickCount64 - LearntAt).TotalSeconds;

        public static AgentEngine From(UsmParameters usm) => new(usm.EngineId, usm.EngineBoots, usm.EngineTime, Environment.TickCount64);
    }
}
