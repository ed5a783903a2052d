using System.Net;
using System.Text;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Protocols.Tests;

public sealed class CommunityMessageTests
{
    private static CommunityMessage Decode(string vector)
    {
        Assert.True(CommunityMessage.TryDecode(SnmpVectors.Get(vector), out var message, out var error), error.ToString());
        return message;
    }

    [Fact]
    public void A_v1_linkdown_trap_decodes_as_tshark_shows_it()
    {
        var message = Decode("v1-linkdown");
        Assert.Equal((SnmpVersion.V1, "public", PduType.TrapV1), (message.Version, Encoding.ASCII.GetString(message.Community), message.Pdu.Type));
        Assert.Equal(new TrapV1Header(Oid.Parse("1.3.6.1.4.1.8072.2.3"), IPAddress.Parse("10.0.0.7"), 2, 0, 12345), message.Pdu.TrapV1);
        Assert.Equal([new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.3"), SnmpValue.Integer(3))], message.Pdu.VarBinds);
    }

    [Fact]
    public void Every_value_type_decodes_exactly()
    {
        var message = Decode("v2c-all-types");
        Assert.Equal((SnmpVersion.V2c, "s3cr3t-community", PduType.TrapV2, 1481789495),
            (message.Version, Encoding.ASCII.GetString(message.Community), message.Pdu.Type, message.Pdu.RequestId));
        Assert.Equal(
        [
            new(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(12345)),
            new(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.9999.0.1"))),
            new(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("edge-7")),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.1.3"), SnmpValue.Integer(3)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.3"), SnmpValue.Counter32(uint.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.3"), SnmpValue.Counter64(ulong.MaxValue)),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.5.3"), SnmpValue.Gauge32(1_000_000_000)),
            new(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(123456)),
            new(Oid.Parse("1.3.6.1.2.1.4.20.1.1.10.0.0.7"), SnmpValue.IpAddress(IPAddress.Parse("10.0.0.7"))),
            new(Oid.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"))),
            new(Oid.Parse("1.3.6.1.4.1.9999.1"), SnmpValue.OctetString([0x00, 0xFF, 0x7F, 0x80])),
            new VarBind(Oid.Parse("1.3.6.1.4.1.9999.2"), SnmpValue.Integer(int.MinValue)),
        ], message.Pdu.VarBinds);
    }

    [Fact]
    public void An_inform_is_an_inform() => Assert.Equal(PduType.InformRequest, Decode("v2c-inform").Pdu.Type);

    [Theory]
    [MemberData(nameof(CommunityVectors))]
    public void Re_encoding_gives_back_the_captured_bytes(string vector) =>
        Assert.Equal(Convert.ToHexString(SnmpVectors.Get(vector)), Convert.ToHexString(Decode(vector).Encode()));

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void The_version_is_read_from_every_capture(string vector)
    {
        Assert.True(SnmpMessage.TryReadVersion(SnmpVectors.Get(vector), out var version, out _));
        Assert.Equal(vector[..2] switch { "v1" => SnmpVersion.V1, "v2" => SnmpVersion.V2c, _ => SnmpVersion.V3 }, version);
    }

    [Theory]
    [MemberData(nameof(CommunityVectors))]
    public void Every_truncated_prefix_is_refused(string vector)
    {
        var bytes = SnmpVectors.Get(vector);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(CommunityMessage.TryDecode(bytes.AsSpan(0, length), out _, out var error));
            Assert.NotEqual(SnmpDecodeError.None, error);
        }
    }

    [Fact]
    public void Trailing_bytes_and_v1_only_or_v2_only_pdus_are_refused()
    {
        byte[] withTrailing = [.. SnmpVectors.Get("v2c-linkdown"), 0x00];
        Assert.False(CommunityMessage.TryDecode(withTrailing, out _, out var error));
        Assert.Equal(SnmpDecodeError.TrailingBytes, error);

        var v1Trap = Decode("v1-linkdown");
        var asV2 = v1Trap with { Version = SnmpVersion.V2c };
        Assert.False(CommunityMessage.TryDecode(asV2.Encode(), out _, out error));
        Assert.Equal(SnmpDecodeError.UnsupportedPdu, error);
    }

    public static IEnumerable<object[]> CommunityVectors() => SnmpVectors.Names(n => !n.StartsWith("v3", StringComparison.Ordinal));
    public static IEnumerable<object[]> AllVectors() => SnmpVectors.Names(_ => true);
}

public sealed class AnswerIdTests
{
    [Theory]
    [InlineData("v2c-inform", 2117230585)]
    [InlineData("v2c-linkdown", 1630798319)]
    public void The_request_id_is_read_from_the_header(string vector, int expected)
    {
        Assert.True(SnmpMessage.TryReadAnswerId(SnmpVectors.Get(vector), out var id));
        Assert.Equal(expected, id);
    }

    [Fact]
    public void A_v3_message_answers_with_its_msg_id()
    {
        Assert.True(NetworkGrains.Protocols.Snmp.V3.V3Message.TryDecode(SnmpVectors.Get("v3-sha-aes"), out var message, out _));
        Assert.True(SnmpMessage.TryReadAnswerId(SnmpVectors.Get("v3-sha-aes"), out var id));
        Assert.Equal(message.MessageId, id);
    }

    [Fact]
    public void Garbage_has_no_id() => Assert.False(SnmpMessage.TryReadAnswerId([0x30, 0x03, 0x02, 0x01], out _));
}
