using System.Security.Cryptography;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>USM authentication protocols: HMAC-MD5-96, HMAC-SHA-96 (RFC 3414) and HMAC-SHA-2 (RFC 7860).</summary>
public enum AuthProtocol
{
    None,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

public static class AuthProtocols
{
    /// <summary>How many bytes of the HMAC travel in msgAuthenticationParameters.</summary>
    public static int MacLength(this AuthProtocol protocol) => protocol switch
    {
        AuthProtocol.Md5 or AuthProtocol.Sha1 => 12,
        AuthProtocol.Sha224 => 16,
        AuthProtocol.Sha256 => 24,
        AuthProtocol.Sha384 => 32,
        AuthProtocol.Sha512 => 48,
        _ => 0,
    };

    public static byte[] Hash(this AuthProtocol protocol, ReadOnlySpan<byte> data) => protocol switch
    {
        AuthProtocol.Md5 => MD5.HashData(data),
        AuthProtocol.Sha1 => SHA1.HashData(data),
        AuthProtocol.Sha224 => Sha224.HashData(data),
        AuthProtocol.Sha256 => SHA256.HashData(data),
        AuthProtocol.Sha384 => SHA384.HashData(data),
        AuthProtocol.Sha512 => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    public static byte[] Hmac(this AuthProtocol protocol, byte[] key, ReadOnlySpan<byte> data) => protocol switch
    {
        AuthProtocol.Md5 => HMACMD5.HashData(key, data),
        AuthProtocol.Sha1 => HMACSHA1.HashData(key, data),
        AuthProtocol.Sha224 => Sha224.Hmac(key, data),
        AuthProtocol.Sha256 => HMACSHA256.HashData(key, data),
        AuthProtocol.Sha384 => HMACSHA384.HashData(key, data),
        AuthProtocol.Sha512 => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    /// <summary>
    /// RFC 3414 A.2 password-to-key (Ku): the hash of 1 MiB of the repeated password. Costly on purpose, so it is
    /// computed once per user. RFC 7860 uses the same construction with the SHA-2 hashes.
    /// </summary>
    public static byte[] PasswordToKey(this AuthProtocol protocol, string password)
    {
        var passwordBytes = System.Text.Encoding.UTF8.GetBytes(password);
        if (passwordBytes.Length == 0) throw new ArgumentException("A USM password is not empty.", nameof(password));
        const int expanded = 1024 * 1024;
        var stream = new byte[expanded];
        for (var i = 0; i < expanded; i++) stream[i] = passwordBytes[i % passwordBytes.Length];
        return protocol.Hash(stream);
    }

    /// <summary>Localizes Ku to an authoritative engine: H(Ku || engineID || Ku). One cheap hash.</summary>
    public static byte[] Localize(this AuthProtocol protocol, ReadOnlySpan<byte> ku, ReadOnlySpan<byte> engineId) =>
        protocol.Hash([.. ku, .. engineId, .. ku]);

    public static byte[] LocalizeKey(this AuthProtocol protocol, string password, ReadOnlySpan<byte> engineId) =>
        protocol.Localize(protocol.PasswordToKey(password), engineId);
}
