using System.Net;
using System.Text;
using System.Text.Json;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

public sealed class TrapDecoderTests
{
    private static readonly IPAddress Source = IPAddress.Parse("127.0.0.1");
    private static readonly Dictionary<string, byte[]> Vectors = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "snmp-traps.hex"))
        .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => Convert.FromHexString(p[1]));

    private static readonly SnmpOptions Options = new()
    {
        Communities = [new() { Name = "lab", Community = "public" }, new() { Name = "secret", Community = "s3cr3t-community" }],
        Users = [new() { Name = "ngShaAes", Auth = AuthProtocol.Sha1, AuthPassword = "authpass123", Priv = PrivProtocol.Aes128, PrivPassword = "privpass123" }],
    };

    private static readonly SnmpEngine Engine = new(Convert.FromHexString("80001f88046e672d74657374"), TimeProvider.System);
    /// <summary>A new decoder each time: decoders remember the clocks of v3 senders, and tests must not depend on order.</summary>
    private static TrapDecoder Decoder => new(new SnmpCredentials(Options), Engine, TimeProvider.System);

    private static TrapEvent Trap(string vector)
    {
        var outcome = Decoder.Decode(Vectors[vector], Source);
        Assert.True(outcome.Trap is not null, outcome.DropReason);
        return outcome.Trap;
    }

    [Fact]
    public void A_v1_generic_trap_becomes_its_v2_trap_oid_and_kind()
    {
        var trap = Trap("v1-linkdown");
        Assert.Equal(("v1", "1.3.6.1.6.3.1.1.5.3", TrapKind.LinkDown, "lab", "127.0.0.1"), (trap.Version, trap.TrapOid, trap.Kind, trap.SecurityName, trap.SourceAddress));
        Assert.Equal([new TrapVarBind("1.3.6.1.2.1.2.2.1.1.3", "INTEGER", "3")], trap.VarBinds);
    }

    [Fact]
    public void A_v1_enterprise_trap_becomes_enterprise_0_specific() =>
        Assert.Equal("1.3.6.1.4.1.8072.2.3.0.17", Trap("v1-enterprise-all-types").TrapOid);

    [Fact]
    public void A_v2c_trap_names_its_community_credential_and_never_shows_the_community()
    {
        var trap = Trap("v2c-all-types");
        Assert.Equal(("v2c", "1.3.6.1.4.1.9999.0.1", TrapKind.Other, "secret"), (trap.Version, trap.TrapOid, trap.Kind, trap.SecurityName));
        Assert.Contains(new TrapVarBind("1.3.6.1.2.1.31.1.1.1.6.3", "Counter64", "18446744073709551615"), trap.VarBinds);
        Assert.Contains(new TrapVarBind("1.3.6.1.4.1.9999.1", "Hex-STRING", "00FF7F80"), trap.VarBinds);
        Assert.DoesNotContain("s3cr3t-community", JsonSerializer.Serialize(trap));
    }

    [Fact]
    public void A_v2c_inform_is_answered_with_its_response()
    {
        var outcome = Decoder.Decode(Vectors["v2c-inform"], Source);
        Assert.True(outcome.Trap!.IsInform);
        Assert.True(CommunityMessage.TryDecode(outcome.Reply, out var reply, out _));
        Assert.True(CommunityMessage.TryDecode(Vectors["v2c-inform"], out var inform, out _));
        Assert.Equal((PduType.Response, inform.Pdu.RequestId), (reply.Pdu.Type, reply.Pdu.RequestId));
        Assert.Equal(inform.Pdu.VarBinds, reply.Pdu.VarBinds);
    }

    [Fact]
    public void A_v3_authpriv_trap_is_opened_with_the_configured_user() =>
        Assert.Equal(("v3", "ngShaAes", "1.3.6.1.6.3.1.1.5.2"), (Trap("v3-sha-aes").Version, Trap("v3-sha-aes").SecurityName, Trap("v3-sha-aes").TrapOid));

    [Theory]
    [InlineData("v3-md5", "unknown_user")]
    [InlineData("v2c-linkdown", null)]
    public void Unknown_credentials_are_dropped_with_the_reason(string vector, string? reason) =>
        Assert.Equal(reason, Decoder.Decode(Vectors[vector], Source).DropReason);

    [Fact]
    public void A_wrong_community_or_a_wrong_passphrase_is_dropped()
    {
        var wrongCommunity = new CommunityMessage(SnmpVersion.V2c, "guess"u8.ToArray(), new Pdu(PduType.TrapV2, 1, 0, 0, [])).Encode();
        Assert.Equal("unknown_community", Decoder.Decode(wrongCommunity, Source).DropReason);

        var impostor = new TrapDecoder(new SnmpCredentials(new SnmpOptions
        {
            Users = [new() { Name = "ngShaAes", Auth = AuthProtocol.Sha1, AuthPassword = "guessed-wrong", Priv = PrivProtocol.Aes128, PrivPassword = "privpass123" }],
        }), Engine, TimeProvider.System);
        Assert.Equal("wrong_digest", impostor.Decode(Vectors["v3-sha-aes"], Source).DropReason);
    }

    [Fact]
    public void Engine_discovery_is_answered_so_a_sender_can_send_an_inform_that_is_answered()
    {
        var discovery = V3MessageWriter.Encode(99, V3Flags.Reportable, [], 0, 0, [], null,
            new ScopedPdu([], [], new Pdu(PduType.GetRequest, 5, 0, 0, [])));
        var report = Decoder.Decode(discovery, Source);
        Assert.Null(report.DropReason);
        Assert.Null(report.Trap);
        Assert.True(V3Message.TryDecode(report.Reply, out var reportMessage, out _));
        Assert.Equal(Engine.EngineId, reportMessage.Usm.EngineId);
        Assert.Equal(PduType.Report, reportMessage.PlainPdu!.Pdu.Type);
        Assert.Equal("1.3.6.1.6.3.15.1.1.4.0", reportMessage.PlainPdu.Pdu.VarBinds[0].Oid.ToString());

        var user = new UsmUser("ngShaAes", AuthProtocol.Sha1, "authpass123", PrivProtocol.Aes128, "privpass123");
        var inform = new Pdu(PduType.InformRequest, 6, 0, 0,
        [
            new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(10)),
            new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.1"))),
        ]);
        var bytes = V3MessageWriter.Encode(100, V3Flags.Reportable, reportMessage.Usm.EngineId, reportMessage.Usm.EngineBoots,
            reportMessage.Usm.EngineTime, Encoding.UTF8.GetBytes("ngShaAes"), user, new ScopedPdu(reportMessage.Usm.EngineId, [], inform));
        var answered = Decoder.Decode(bytes, Source);

        Assert.Equal(TrapKind.ColdStart, answered.Trap!.Kind);
        Assert.True(V3Message.TryDecode(answered.Reply, out var response, out _));
        Assert.True(UsmProcessor.TryOpen(answered.Reply, response, user, out var scoped, out _));
        Assert.Equal((PduType.Response, 6), (scoped.Pdu.Type, scoped.Pdu.RequestId));
    }

    [Fact]
    public void An_inform_outside_the_time_window_gets_a_report_not_an_answer()
    {
        var user = new UsmUser("ngShaAes", AuthProtocol.Sha1, "authpass123", PrivProtocol.Aes128, "privpass123");
        var inform = new Pdu(PduType.InformRequest, 7, 0, 0,
            [new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.1")))]);
        var stale = V3MessageWriter.Encode(101, V3Flags.Reportable, Engine.EngineId, Engine.Boots - 1, Engine.Time,
            Encoding.UTF8.GetBytes("ngShaAes"), user, new ScopedPdu(Engine.EngineId, [], inform));

        var outcome = Decoder.Decode(stale, Source);
        Assert.Equal("not_in_time_window", outcome.DropReason);
        Assert.True(V3Message.TryDecode(outcome.Reply, out var report, out _));
        Assert.True(report.Flags.HasFlag(V3Flags.Auth));
    }

    [Fact]
    public void A_replayed_v3_trap_from_an_older_time_of_its_engine_is_dropped_as_outside_the_time_window()
    {
        var decoder = Decoder;
        var user = new UsmUser("ngShaAes", AuthProtocol.Sha1, "authpass123", PrivProtocol.Aes128, "privpass123");
        byte[] senderEngine = [0x80, 0x00, 0x1f, 0x88, 0x04, 0x72, 0x31];
        byte[] TrapAt(int boots, int time) => V3MessageWriter.Encode(200 + time, V3Flags.None, senderEngine, boots, time,
            Encoding.UTF8.GetBytes("ngShaAes"), user, new ScopedPdu(senderEngine, [], new Pdu(PduType.TrapV2, time, 0, 0,
                [new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.6.3.1.1.5.3")))])));

        Assert.NotNull(decoder.Decode(TrapAt(5, 1_000), Source).Trap);
        Assert.Equal("not_in_time_window", decoder.Decode(TrapAt(5, 500), Source).DropReason);
        Assert.Equal("not_in_time_window", decoder.Decode(TrapAt(4, 2_000), Source).DropReason);
        Assert.NotNull(decoder.Decode(TrapAt(5, 1_100), Source).Trap);
    }
}
