using System.Security.Cryptography;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>Incoming USM processing: check the security level, verify the HMAC, decrypt, read the scoped PDU.</summary>
public static class UsmProcessor
{
    public static bool TryOpen(ReadOnlySpan<byte> datagram, V3Message message, UsmUser user, out ScopedPdu scoped, out UsmError error)
    {
        scoped = null!;
        var wantsAuth = message.Flags.HasFlag(V3Flags.Auth);
        var wantsPriv = message.Flags.HasFlag(V3Flags.Priv);
        if (wantsAuth != (user.Auth != AuthProtocol.None) || wantsPriv != (user.Priv != PrivProtocol.None))
        {
            error = UsmError.UnsupportedSecurityLevel;
            return false;
        }

        var (authKey, privKey) = user.KeysFor(message.Usm.EngineId);
        if (wantsAuth && !IsAuthentic(datagram, message, user.Auth, authKey))
        {
            error = UsmError.WrongDigest;
            return false;
        }

        if (!wantsPriv)
        {
            scoped = message.PlainPdu!;
            error = UsmError.None;
            return true;
        }
        if (!user.Priv.TryDecrypt(privKey, message.Usm.PrivParameters, message.Usm.EngineBoots, message.Usm.EngineTime,
                message.EncryptedPdu, out var plain)
            || !ScopedPduReader.TryReadDecrypted(plain, out var decrypted, out _))
        {
            error = UsmError.DecryptionError;
            return false;
        }
        scoped = decrypted!;
        error = UsmError.None;
        return true;
    }

    private static bool IsAuthentic(ReadOnlySpan<byte> datagram, V3Message message, AuthProtocol auth, byte[] key)
    {
        var received = message.Usm.AuthParameters;
        if (received.Length != auth.MacLength()) return false;
        var zeroed = datagram.ToArray();
        zeroed.AsSpan(message.AuthParametersOffset, received.Length).Clear();
        var expected = auth.Hmac(key, zeroed).AsSpan(0, received.Length);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
