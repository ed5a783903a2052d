using System.Text;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Protocols.Tests;

public sealed class UsmTests
{
    private static readonly byte[] SenderEngine = Convert.FromHexString("80001f88040102030405");
    private static readonly Oid SnmpTrapOid = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");

    public static TheoryData<string, string, AuthProtocol, PrivProtocol, string> Users => new()
    {
        { "v3-noauth", "ngNone", AuthProtocol.None, PrivProtocol.None, "1.3.6.1.6.3.1.1.5.1" },
        { "v3-md5", "ngMd5", AuthProtocol.Md5, PrivProtocol.None, "1.3.6.1.6.3.1.1.5.1" },
        { "v3-sha224", "ngSha224", AuthProtocol.Sha224, PrivProtocol.None, "1.3.6.1.6.3.1.1.5.5" },
        { "v3-sha384", "ngSha384", AuthProtocol.Sha384, PrivProtocol.None, "1.3.6.1.6.3.1.1.5.5" },
        { "v3-sha-des", "ngShaDes", AuthProtocol.Sha1, PrivProtocol.Des, "1.3.6.1.6.3.1.1.5.1" },
        { "v3-sha-aes", "ngShaAes", AuthProtocol.Sha1, PrivProtocol.Aes128, "1.3.6.1.6.3.1.1.5.2" },
        { "v3-sha256-aes256", "ngSha256Aes256", AuthProtocol.Sha256, PrivProtocol.Aes256, "1.3.6.1.6.3.1.1.5.3" },
        { "v3-sha512-aes192", "ngSha512Aes192", AuthProtocol.Sha512, PrivProtocol.Aes192, "1.3.6.1.6.3.1.1.5.4" },
        { "v3-sha-aes256", "ngShaAes256", AuthProtocol.Sha1, PrivProtocol.Aes256, "1.3.6.1.6.3.1.1.5.3" },
        { "v3-md5-aes192", "ngMd5Aes192", AuthProtocol.Md5, PrivProtocol.Aes192, "1.3.6.1.6.3.1.1.5.3" },
    };

    private static UsmUser User(string name, AuthProtocol auth, PrivProtocol priv, string authPassword = "authpass123", string privPassword = "privpass123") =>
        new(name, auth, auth == AuthProtocol.None ? null : authPassword, priv, priv == PrivProtocol.None ? null : privPassword);

    [Theory]
    [MemberData(nameof(Users))]
    public void Each_net_snmp_security_level_and_protocol_opens(string vector, string userName, AuthProtocol auth, PrivProtocol priv, string trapOid)
    {
        var datagram = SnmpVectors.Get(vector);
        Assert.True(V3Message.TryDecode(datagram, out var message, out var decodeError), decodeError.ToString());
        Assert.Equal(SenderEngine, message.Usm.EngineId);
        Assert.Equal(userName, Encoding.UTF8.GetString(message.Usm.UserName));

        Assert.True(UsmProcessor.TryOpen(datagram, message, User(userName, auth, priv), out var scoped, out var error), error.ToString());
        Assert.Equal(PduType.TrapV2, scoped.Pdu.Type);
        Assert.Equal(SnmpValue.ObjectIdentifier(Oid.Parse(trapOid)), scoped.Pdu.VarBinds.Single(v => v.Oid.Equals(SnmpTrapOid)).Value);
    }

    [Theory]
    [InlineData("v3-md5", AuthProtocol.Md5, PrivProtocol.None, "wrongpass123", "x", UsmError.WrongDigest)]
    [InlineData("v3-sha-aes", AuthProtocol.Sha1, PrivProtocol.Aes128, "wrongpass123", "privpass123", UsmError.WrongDigest)]
    [InlineData("v3-sha-aes", AuthProtocol.Sha1, PrivProtocol.Aes128, "authpass123", "wrongpriv123", UsmError.DecryptionError)]
    [InlineData("v3-sha-des", AuthProtocol.Sha1, PrivProtocol.Des, "authpass123", "wrongpriv123", UsmError.DecryptionError)]
    [InlineData("v3-sha-aes", AuthProtocol.Sha1, PrivProtocol.None, "authpass123", "x", UsmError.UnsupportedSecurityLevel)]
    [InlineData("v3-sha-aes", AuthProtocol.Md5, PrivProtocol.Aes128, "authpass123", "privpass123", UsmError.WrongDigest)]
    public void Wrong_credentials_are_refused_with_the_reason(string vector, AuthProtocol auth, PrivProtocol priv, string authPassword, string privPassword, UsmError expected)
    {
        var datagram = SnmpVectors.Get(vector);
        Assert.True(V3Message.TryDecode(datagram, out var message, out _));
        var user = User(Encoding.UTF8.GetString(message.Usm.UserName), auth, priv, authPassword, privPassword);
        Assert.False(UsmProcessor.TryOpen(datagram, message, user, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_single_flipped_bit_anywhere_fails_authentication_or_decoding()
    {
        var datagram = SnmpVectors.Get("v3-sha-aes");
        var user = User("ngShaAes", AuthProtocol.Sha1, PrivProtocol.Aes128);
        for (var i = 0; i < datagram.Length; i++)
        {
            var mutated = (byte[])datagram.Clone();
            mutated[i] ^= 0x01;
            var opened = V3Message.TryDecode(mutated, out var message, out _) && UsmProcessor.TryOpen(mutated, message, user, out _, out _);
            Assert.False(opened, $"a flipped bit at {i} went unnoticed");
        }
    }

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void Every_truncated_prefix_is_refused(string vector)
    {
        var bytes = SnmpVectors.Get(vector);
        for (var length = 0; length < bytes.Length; length++)
            Assert.False(V3Message.TryDecode(bytes.AsSpan(0, length), out _, out _));
    }

    [Fact]
    public void The_user_shows_no_secret() =>
        Assert.DoesNotContain("authpass123", User("u", AuthProtocol.Sha1, PrivProtocol.Aes128).ToString());

    public static IEnumerable<object[]> V3Vectors() => SnmpVectors.Names(n => n.StartsWith("v3", StringComparison.Ordinal));
}
