using System.Net;
using System.Text;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Silo.Snmp;

/// <summary>What to do with one datagram: keep a trap, send a reply, or both; or drop it for a reason (counted).</summary>
public readonly record struct TrapOutcome(TrapEvent? Trap, byte[]? Reply, string? DropReason)
{
    public static TrapOutcome Drop(string reason, byte[]? reply = null) => new(null, reply, reason);
    public static TrapOutcome ReplyOnly(byte[] reply) => new(null, reply, null);
}

/// <summary>
/// Decodes traps and informs of every version and applies the credentials: v1/v2c communities, v3 USM users.
/// Informs are answered with a Response; a v3 sender that does not know this engine gets the Report that lets it
/// discover it (usmStatsUnknownEngineIDs), and one outside the time window the Report that resynchronises it.
/// Authenticated v3 traps are checked against the sending engine's clock as last seen, so a replay is dropped.
/// </summary>
/// <param name="fastPath">Whether v2c traps may take <see cref="V2cTrapFastPath"/> (tests compare both ways).</param>
public sealed class TrapDecoder(SnmpCredentials credentials, SnmpEngine engine, TimeProvider clock, bool fastPath = true)
{
    private const int TimeWindowSeconds = 150;
    private static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    private static readonly Oid SnmpTrapOid = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");
    private static readonly Oid StandardTraps = Oid.Parse("1.3.6.1.6.3.1.1.5");

    private readonly TrapTextCache _text = new();
    private readonly RemoteEngineClocks _senderClocks = new(clock);
    private V2cTrapFastPath? _fastPath;
    private long _reports;

    public TrapOutcome Decode(ReadOnlySpan<byte> datagram, IPAddress source)
    {
        if (!SnmpMessage.TryReadVersion(datagram, out var version, out var error)) return TrapOutcome.Drop(Reason(error));
        return version == SnmpVersion.V3 ? DecodeV3(datagram, source) : DecodeCommunity(datagram, source);
    }

    private TrapOutcome DecodeCommunity(ReadOnlySpan<byte> datagram, IPAddress source)
    {
        if (fastPath && (_fastPath ??= new V2cTrapFastPath(credentials, _text)).TryRead(datagram, out var name, out var oid, out var texts))
            return new TrapOutcome(TrapEventOf(oid, texts, source, "v2c", name, isInform: false), null, null);
        if (!CommunityMessage.TryDecode(datagram, out var message, out var error)) return TrapOutcome.Drop(Reason(error));
        if (credentials.NameOfCommunity(message.Community) is not { } credentialName) return TrapOutcome.Drop("unknown_community");
        if (message.Pdu.Type is not (PduType.TrapV1 or PduType.TrapV2 or PduType.InformRequest)) return TrapOutcome.Drop("not_a_notification");

        var versionName = message.Version == SnmpVersion.V1 ? "v1" : "v2c";
        var trap = ToTrapEvent(message.Pdu, source, versionName, credentialName);
        if (trap is null) return TrapOutcome.Drop("no_trap_oid");
        byte[]? reply = message.Pdu.Type == PduType.InformRequest
            ? (message with { Pdu = ResponseTo(message.Pdu) }).Encode()
            : null;
        return new TrapOutcome(trap, reply, null);
    }

    private TrapOutcome DecodeV3(ReadOnlySpan<byte> datagram, IPAddress source)
    {
        if (!V3Message.TryDecode(datagram, out var message, out var error)) return TrapOutcome.Drop(Reason(error));
        var usm = message.Usm;
        var reportable = message.Flags.HasFlag(V3Flags.Reportable);

        // Discovery: an empty engine ID asks who we are (RFC 3414 §4).
        if (usm.EngineId.Length == 0)
            return reportable ? TrapOutcome.ReplyOnly(Report(message, UsmStats.UnknownEngineIds, user: null)) : TrapOutcome.Drop("engine_discovery_not_reportable");

        if (credentials.User(Encoding.UTF8.GetString(usm.UserName)) is not { } user) return TrapOutcome.Drop("unknown_user");
        if (!UsmProcessor.TryOpen(datagram, message, user, out var scoped, out var usmError))
            return TrapOutcome.Drop(usmError switch
            {
                UsmError.WrongDigest => "wrong_digest",
                UsmError.DecryptionError => "decryption_error",
                _ => "unsupported_security_level",
            });

        var pdu = scoped.Pdu;
        if (pdu.Type == PduType.InformRequest)
        {
            // For an inform this silo is the authoritative engine: the sender must use our ID, boots and time.
            if (!usm.EngineId.AsSpan().SequenceEqual(engine.EngineId))
                return TrapOutcome.Drop("unknown_engine_id", reportable ? Report(message, UsmStats.UnknownEngineIds, user: null) : null);
            if (usm.EngineBoots != engine.Boots || Math.Abs(usm.EngineTime - engine.Time) > TimeWindowSeconds)
                return TrapOutcome.Drop("not_in_time_window", Report(message, UsmStats.NotInTimeWindows, user));
        }
        else if (pdu.Type != PduType.TrapV2)
        {
            return TrapOutcome.Drop("not_a_notification");
        }
        else if (message.Flags.HasFlag(V3Flags.Auth) && !_senderClocks.InTimeWindow(usm.EngineId, usm.EngineBoots, usm.EngineTime))
        {
            return TrapOutcome.Drop("not_in_time_window"); // a replayed or stale trap; traps get no Report
        }

        var trap = ToTrapEvent(pdu, source, "v3", user.Name);
        if (trap is null) return TrapOutcome.Drop("no_trap_oid");
        byte[]? reply = pdu.Type == PduType.InformRequest
            ? V3MessageWriter.Encode(message.MessageId, V3Flags.None, engine.EngineId, engine.Boots, engine.Time,
                usm.UserName, user, scoped with { Pdu = ResponseTo(pdu) })
            : null;
        return new TrapOutcome(trap, reply, null);
    }

    private byte[] Report(V3Message request, Oid counter, UsmUser? user)
    {
        var requestId = request.PlainPdu?.Pdu.RequestId ?? 0;
        var report = new Pdu(PduType.Report, requestId, 0, 0,
            [new VarBind(counter, SnmpValue.Counter32((uint)Interlocked.Increment(ref _reports)))]);
        return V3MessageWriter.Encode(request.MessageId, V3Flags.None, engine.EngineId, engine.Boots, engine.Time,
            request.Usm.UserName, user, new ScopedPdu(engine.EngineId, [], report), withPrivacy: false);
    }

    private static Pdu ResponseTo(Pdu inform) => inform with { Type = PduType.Response, ErrorStatus = 0, ErrorIndex = 0 };

    private TrapEvent? ToTrapEvent(Pdu pdu, IPAddress source, string version, string securityName)
    {
        Oid? trapOid = null;
        var texts = new List<TrapVarBind>(pdu.VarBinds.Count);
        if (pdu.TrapV1 is { } v1)
        {
            // RFC 3584 §3.1: generic traps map to snmpTraps.(generic+1), enterprise ones to enterprise.0.specific.
            trapOid = v1.GenericTrap is >= 0 and < 6 ? StandardTraps.Append((uint)v1.GenericTrap + 1) : v1.Enterprise.Append(0, (uint)v1.SpecificTrap);
            foreach (var varBind in pdu.VarBinds) texts.Add(_text.VarBind(varBind));
        }
        else
        {
            // v2 notifications carry sysUpTime.0 and snmpTrapOID.0: the first of the latter names the trap, neither is kept.
            var sawTrapOid = false;
            foreach (var varBind in pdu.VarBinds)
            {
                if (varBind.Oid.Equals(SnmpTrapOid))
                {
                    if (!sawTrapOid) trapOid = varBind.Value.AsOid;
                    sawTrapOid = true;
                }
                else if (!varBind.Oid.Equals(SysUpTime)) texts.Add(_text.VarBind(varBind));
            }
        }
        return trapOid is null ? null : TrapEventOf(trapOid, _text.VarBinds(texts), source, version, securityName, pdu.Type == PduType.InformRequest);
    }

    private TrapEvent TrapEventOf(Oid trapOid, TrapVarBind[] varBinds, IPAddress source, string version, string securityName, bool isInform)
    {
        var kind = trapOid.StartsWith(StandardTraps) && trapOid.Length == StandardTraps.Length + 1
            ? trapOid.Arcs[^1] switch { 1 => TrapKind.ColdStart, 2 => TrapKind.WarmStart, 3 => TrapKind.LinkDown, 4 => TrapKind.LinkUp, 5 => TrapKind.AuthenticationFailure, _ => TrapKind.Other }
            : TrapKind.Other;
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        return new TrapEvent(ReceivedAt(), _text.Address(address), version, _text.Oid(trapOid), kind, securityName, isInform, varBinds);
    }

    /// <summary>Now, to the microsecond: what snmp_trap keeps, so a trap reads back exactly as it was first shown.</summary>
    private DateTimeOffset ReceivedAt()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static string Reason(SnmpDecodeError error) => error switch
    {
        SnmpDecodeError.UnsupportedVersion => "unsupported_version",
        SnmpDecodeError.UnsupportedPdu => "unsupported_pdu",
        _ => "malformed",
    };
}
