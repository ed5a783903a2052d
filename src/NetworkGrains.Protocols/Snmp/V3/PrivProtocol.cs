using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>USM privacy protocols: CBC-DES (RFC 3414 §8), CFB128-AES-128 (RFC 3826) and AES-192/256 as net-snmp does them.</summary>
public enum PrivProtocol
{
    None,
    Des,
    Aes128,
    Aes192,
    Aes256,
}

public static class PrivProtocols
{
    public const int SaltLength = 8;

    public static int KeyLength(this PrivProtocol protocol) => protocol switch
    {
        PrivProtocol.Des => 16, // 8 bytes of key, then 8 bytes of pre-IV
        PrivProtocol.Aes128 => 16,
        PrivProtocol.Aes192 => 24,
        PrivProtocol.Aes256 => 32,
        _ => 0,
    };

    /// <summary>
    /// The privacy key: the password localized with the authentication protocol's hash, extended when that hash is
    /// shorter than the cipher needs by appending the hash of the key so far (draft-blumenthal-aes-usm-04 §3.1.2.1,
    /// as net-snmp does).
    /// </summary>
    public static byte[] LocalizeKey(this PrivProtocol protocol, AuthProtocol auth, string password, ReadOnlySpan<byte> engineId) =>
        protocol.Localize(auth, auth.PasswordToKey(password), engineId);

    /// <summary>The privacy key from the privacy password's Ku (see <see cref="LocalizeKey"/>).</summary>
    public static byte[] Localize(this PrivProtocol protocol, AuthProtocol auth, ReadOnlySpan<byte> ku, ReadOnlySpan<byte> engineId)
    {
        var key = auth.Localize(ku, engineId);
        while (key.Length < protocol.KeyLength()) key = [.. key, .. auth.Hash(key)];
        return key[..protocol.KeyLength()];
    }

    /// <summary>Decrypts an encryptedPDU; false when its length cannot be a ciphertext of this protocol.</summary>
    public static bool TryDecrypt(this PrivProtocol protocol, byte[] key, ReadOnlySpan<byte> salt, int engineBoots, int engineTime,
        ReadOnlySpan<byte> cipherText, out byte[] plainText)
    {
        plainText = [];
        if (salt.Length != SaltLength) return false;
        if (protocol == PrivProtocol.Des)
        {
            if (cipherText.Length == 0 || cipherText.Length % 8 != 0) return false;
            using var des = DES.Create();
            des.Key = key[..8];
            plainText = des.DecryptCbc(cipherText, DesIv(key, salt), PaddingMode.None);
            return true;
        }
        plainText = AesCfb(key, AesIv(engineBoots, engineTime, salt), cipherText, decrypt: true);
        return true;
    }

    public static byte[] Encrypt(this PrivProtocol protocol, byte[] key, ReadOnlySpan<byte> salt, int engineBoots, int engineTime,
        ReadOnlySpan<byte> plainText)
    {
        if (protocol == PrivProtocol.Des)
        {
            using var des = DES.Create();
            des.Key = key[..8];
            var padded = new byte[(plainText.Length + 7) / 8 * 8];
            plainText.CopyTo(padded);
            return des.EncryptCbc(padded, DesIv(key, salt), PaddingMode.None);
        }
        return AesCfb(key, AesIv(engineBoots, engineTime, salt), plainText, decrypt: false);
    }

    /// <summary>
    /// CFB128 over any length. .NET wants whole blocks, but a block's keystream depends only on the ciphertext
    /// before it, so zero-padding the last block and cutting the output back is exact in both directions.
    /// </summary>
    private static byte[] AesCfb(byte[] key, byte[] iv, ReadOnlySpan<byte> input, bool decrypt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var padded = new byte[(input.Length + 15) / 16 * 16];
        input.CopyTo(padded);
        var output = decrypt
            ? aes.DecryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128)
            : aes.EncryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128);
        return output[..input.Length];
    }

    private static byte[] DesIv(byte[] key, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[8];
        for (var i = 0; i < 8; i++) iv[i] = (byte)(key[8 + i] ^ salt[i]);
        return iv;
    }

    private static byte[] AesIv(int engineBoots, int engineTime, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, engineBoots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), engineTime);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }
}
