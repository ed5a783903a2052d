using System.Text;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Protocols.Tests;

public sealed class CryptoVectorTests
{
    [Theory]
    [InlineData("", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")]
    [InlineData("abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525")]
    public void Sha224_matches_fips_180_4(string message, string digest) =>
        Assert.Equal(digest, Convert.ToHexStringLower(Sha224.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void Sha224_of_a_million_a_matches_fips_180_4() =>
        Assert.Equal("20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67",
            Convert.ToHexStringLower(Sha224.HashData(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())));

    [Theory]
    [InlineData(AuthProtocol.Md5, "526f5eed9fcce26f8964c2930787d82b")]
    [InlineData(AuthProtocol.Sha1, "6695febc9288e36282235fc7151f128497b38f3f")]
    public void Key_localization_matches_rfc_3414_appendix_a3(AuthProtocol protocol, string localizedKey)
    {
        var engineId = Convert.FromHexString("000000000000000000000002");
        Assert.Equal(localizedKey, Convert.ToHexStringLower(protocol.LocalizeKey("maplesyrup", engineId)));
    }
}
