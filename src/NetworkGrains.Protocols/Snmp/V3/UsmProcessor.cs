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

    /// <summary>
    /// Whether a message is authenticated with <paramref name="user"/>'s key, whatever its privacy: an agent sends
    /// its notInTimeWindow Report authenticated but in clear (RFC 3414 §3.2 step 7), and only such a Report may
    /// move a manager's notion of the agent's boots and time.
    /// </summary>
    public static bool IsAuthenticated(ReadOnlySpan<byte> datagram, V3Message message, UsmUser user) =>
        message.Flags.HasFlag(V3Flags.Auth) && user.Auth != AuthProtocol.None
        && IsAuthentic(datagram, message, user.Auth, user.KeysFor(message.Usm.EngineId).Auth);

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
