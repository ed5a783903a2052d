using System.Text;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Protocols.Tests;

public sealed class V3EncodingTests
{
    private static readonly byte[] Engine = Convert.FromHexString("80001f8803525446");

    public static TheoryData<AuthProtocol, PrivProtocol> Levels => new()
    {
        { AuthProtocol.None, PrivProtocol.None },
        { AuthProtocol.Md5, PrivProtocol.None },
        { AuthProtocol.Sha1, PrivProtocol.Des },
        { AuthProtocol.Sha1, PrivProtocol.Aes128 },
        { AuthProtocol.Sha224, PrivProtocol.Aes192 },
        { AuthProtocol.Sha256, PrivProtocol.Aes256 },
        { AuthProtocol.Sha512, PrivProtocol.Aes256 },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void What_we_write_opens_with_the_same_credentials_and_not_with_others(AuthProtocol auth, PrivProtocol priv)
    {
        var user = new UsmUser("u1", auth, auth == AuthProtocol.None ? null : "authpass123", priv, priv == PrivProtocol.None ? null : "privpass123");
        var pdu = new Pdu(PduType.Response, 42, 0, 0, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("edge-7"))]);
        var bytes = V3MessageWriter.Encode(7, V3Flags.None, Engine, 3, 1234, Encoding.UTF8.GetBytes("u1"), user, new ScopedPdu(Engine, [], pdu));

        Assert.True(V3Message.TryDecode(bytes, out var message, out var error), error.ToString());
        Assert.Equal((7, 3, 1234), (message.MessageId, message.Usm.EngineBoots, message.Usm.EngineTime));
        Assert.True(UsmProcessor.TryOpen(bytes, message, user, out var scoped, out var usmError), usmError.ToString());
        Assert.Equal(pdu, scoped.Pdu with { VarBinds = pdu.VarBinds }); // same header fields
        Assert.Equal(pdu.VarBinds, scoped.Pdu.VarBinds);

        if (auth != AuthProtocol.None)
        {
            var impostor = new UsmUser("u1", auth, "otherpass123", priv, priv == PrivProtocol.None ? null : "privpass123");
            Assert.False(UsmProcessor.TryOpen(bytes, message, impostor, out _, out usmError));
            Assert.Equal(UsmError.WrongDigest, usmError);
        }
    }

    [Fact]
    public void Long_messages_use_long_form_lengths_and_round_trip()
    {
        var varBinds = Enumerable.Range(1, 40).Select(i => new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.2.{i}"), SnmpValue.OctetString(new string('x', i * 3)))).ToArray();
        var message = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.Response, 1, 0, 0, varBinds));
        var bytes = message.Encode();

        Assert.True(bytes.Length > 2000);
        Assert.True(CommunityMessage.TryDecode(bytes, out var decoded, out _));
        Assert.Equal(varBinds, decoded.Pdu.VarBinds);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-129)]
    [InlineData(-128)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(long.MaxValue)]
    public void Integers_round_trip_minimally_encoded(long value)
    {
        var writer = new BerWriter();
        writer.WriteInteger(BerTag.Integer, value);
        var reader = new BerReader(writer.Written);
        Assert.True(reader.TryReadInteger(BerTag.Integer, out var read));
        Assert.Equal(value, read);
        Assert.Equal(2 + Ber.IntegerLength(value), writer.Written.Length);
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.4294967295.0")]
    [InlineData("2.999.3")]
    [InlineData("0.39")]
    public void Object_identifiers_round_trip(string text)
    {
        var writer = new BerWriter();
        writer.WriteObjectIdentifier(Oid.Parse(text));
        var reader = new BerReader(writer.Written);
        Assert.True(reader.TryReadObjectIdentifier(out var oid));
        Assert.Equal(text, oid.ToString());
    }
}

public sealed class OidOrderTests
{
    [Theory]
    [InlineData("1.3.6.1.9", "1.3.6.1.10", -1)]          // arcs compare as numbers, not text
    [InlineData("1.3.6.1.2.1", "1.3.6.1.2.1.1", -1)]     // a prefix comes before its extensions
    [InlineData("1.3.6.1.4.1.8072", "1.3.6.1.2.1", 1)]
    [InlineData("1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.3.0", 0)]
    public void Oids_are_ordered_as_agents_order_a_mib(string left, string right, int sign) =>
        Assert.Equal(sign, Math.Sign(Oid.Parse(left).CompareTo(Oid.Parse(right))));
}
