using System.Security.Cryptography;

namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>
/// Writes SNMPv3 messages: the scoped PDU (encrypted when the user has privacy), the USM parameters, then the
/// HMAC over the whole message with msgAuthenticationParameters zeroed (RFC 3414 §3.1).
/// </summary>
public static class V3MessageWriter
{
    public const int MaxMessageSize = 65507;

    /// <param name="user">null for noAuthNoPriv with <paramref name="userName"/> as given (a Report to an unknown user).</param>
    /// <param name="withPrivacy">false to authenticate only, as Reports are (RFC 3414 §3.1.2).</param>
    public static byte[] Encode(int messageId, V3Flags flags, byte[] engineId, int engineBoots, int engineTime,
        byte[] userName, UsmUser? user, ScopedPdu scoped, bool withPrivacy = true)
    {
        var auth = user?.Auth ?? AuthProtocol.None;
        var priv = withPrivacy ? user?.Priv ?? PrivProtocol.None : PrivProtocol.None;
        flags &= V3Flags.Reportable;
        if (auth != AuthProtocol.None) flags |= V3Flags.Auth;
        if (priv != PrivProtocol.None) flags |= V3Flags.Priv;
        var (authKey, privKey) = user?.KeysFor(engineId) ?? ([], []);

        var scopedWriter = new BerWriter();
        using (scopedWriter.Constructed(BerTag.Sequence))
        {
            scopedWriter.WriteBytes(BerTag.OctetString, scoped.ContextEngineId);
            scopedWriter.WriteBytes(BerTag.OctetString, scoped.ContextName);
            scoped.Pdu.WriteTo(scopedWriter);
        }

        byte[] salt = [];
        byte[]? encrypted = null;
        if (priv != PrivProtocol.None)
        {
            salt = RandomNumberGenerator.GetBytes(PrivProtocols.SaltLength);
            encrypted = priv.Encrypt(privKey, salt, engineBoots, engineTime, scopedWriter.Written);
        }

        var usm = new BerWriter();
        using (usm.Constructed(BerTag.Sequence))
        {
            usm.WriteBytes(BerTag.OctetString, engineId);
            usm.WriteInteger(BerTag.Integer, engineBoots);
            usm.WriteInteger(BerTag.Integer, engineTime);
            usm.WriteBytes(BerTag.OctetString, userName);
            usm.WriteBytes(BerTag.OctetString, new byte[auth.MacLength()]);
            usm.WriteBytes(BerTag.OctetString, salt);
        }

        var message = new BerWriter();
        using (message.Constructed(BerTag.Sequence))
        {
            message.WriteInteger(BerTag.Integer, 3);
            using (message.Constructed(BerTag.Sequence))
            {
                message.WriteInteger(BerTag.Integer, messageId);
                message.WriteInteger(BerTag.Integer, MaxMessageSize);
                message.WriteBytes(BerTag.OctetString, [(byte)flags]);
                message.WriteInteger(BerTag.Integer, V3Message.UserBasedSecurityModel);
            }
            message.WriteBytes(BerTag.OctetString, usm.Written);
            if (encrypted is null) message.WriteBytes(BerTag.Sequence, scopedWriter.Written[Header(scopedWriter.Written)..]);
            else message.WriteBytes(BerTag.OctetString, encrypted);
        }

        var bytes = message.ToArray();
        if (auth == AuthProtocol.None) return bytes;
        if (!V3Message.TryDecode(bytes, out var written, out _)) throw new InvalidOperationException("an encoded message did not decode");
        auth.Hmac(authKey, bytes).AsSpan(0, auth.MacLength()).CopyTo(bytes.AsSpan(written.AuthParametersOffset));
        return bytes;
    }

    /// <summary>The length of a TLV's header, to re-wrap a SEQUENCE's content.</summary>
    private static int Header(ReadOnlySpan<byte> tlv) => tlv[1] < 0x80 ? 2 : 2 + (tlv[1] & 0x7F);
}
