namespace NetworkGrains.Protocols.Snmp.V3;

/// <summary>msgFlags (RFC 3412).</summary>
[Flags]
public enum V3Flags : byte
{
    None = 0,
    Auth = 1,
    Priv = 2,
    Reportable = 4,
}

/// <summary>The User-based Security Model's msgSecurityParameters (RFC 3414 §2.4).</summary>
public sealed record UsmParameters(byte[] EngineId, int EngineBoots, int EngineTime, byte[] UserName, byte[] AuthParameters, byte[] PrivParameters);

/// <summary>A PDU with its context (RFC 3412 §6).</summary>
public sealed record ScopedPdu(byte[] ContextEngineId, byte[] ContextName, Pdu Pdu);

/// <summary>
/// An SNMPv3 message as read from the wire, before security processing: the scoped PDU is either in plain text or
/// still encrypted. <see cref="AuthParametersOffset"/> locates msgAuthenticationParameters in the datagram, which
/// the HMAC is computed over with that field zeroed.
/// </summary>
public sealed record V3Message(
    int MessageId, int MaxSize, V3Flags Flags, int SecurityModel, UsmParameters Usm,
    ScopedPdu? PlainPdu, byte[]? EncryptedPdu, int AuthParametersOffset)
{
    public const int UserBasedSecurityModel = 3;
    public const int MaxUserNameLength = 32;

    public static bool TryDecode(ReadOnlySpan<byte> datagram, out V3Message message, out SnmpDecodeError error)
    {
        message = null!;
        var reader = new BerReader(datagram);
        if (!reader.TryEnter(BerTag.Sequence, out var body)) { error = reader.Error; return false; }
        if (!reader.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        var bodyStart = datagram.Length - body.Remaining.Length;

        if (!body.TryReadInteger(BerTag.Integer, out var version)) { error = body.Error; return false; }
        if (version != 3) { error = SnmpDecodeError.UnsupportedVersion; return false; }
        if (!body.TryEnter(BerTag.Sequence, out var global)
            || !global.TryReadInt32(out var messageId) || !global.TryReadInt32(out var maxSize)
            || !global.TryReadOctetString(out var flags) || !global.TryReadInt32(out var securityModel))
        {
            error = body.Error != SnmpDecodeError.None ? body.Error : global.Error;
            return false;
        }
        if (flags.Length != 1 || !global.IsEmpty || messageId < 0 || maxSize < 484) { error = SnmpDecodeError.BadLength; return false; }
        if (securityModel != UserBasedSecurityModel) { error = SnmpDecodeError.UnsupportedVersion; return false; }

        if (!body.TryReadOctetString(out var securityParameters)) { error = body.Error; return false; }
        // After a read, the element's content ends at the reader's position.
        var securityContentStart = bodyStart + body.Position - securityParameters.Length;
        if (!TryReadUsm(securityParameters, out var usm, out var authOffsetInUsm, out error)) return false;

        ScopedPdu? plain = null;
        byte[]? encrypted = null;
        if ((V3Flags)flags[0] is var f && f.HasFlag(V3Flags.Priv))
        {
            if (!body.TryReadOctetString(out var cipher)) { error = body.Error; return false; }
            encrypted = cipher.ToArray();
        }
        else if (!ScopedPduReader.TryRead(ref body, out plain)) { error = body.Error; return false; }
        if (!body.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        if (f.HasFlag(V3Flags.Priv) && !f.HasFlag(V3Flags.Auth)) { error = SnmpDecodeError.BadLength; return false; }

        message = new V3Message(messageId, maxSize, f, securityModel, usm, plain, encrypted, securityContentStart + authOffsetInUsm);
        error = SnmpDecodeError.None;
        return true;
    }

    private static bool TryReadUsm(ReadOnlySpan<byte> encoded, out UsmParameters usm, out int authOffset, out SnmpDecodeError error)
    {
        usm = null!;
        authOffset = 0;
        var reader = new BerReader(encoded);
        if (!reader.TryEnter(BerTag.Sequence, out var seq)) { error = reader.Error; return false; }
        var seqStart = encoded.Length - seq.Remaining.Length;
        if (!seq.TryReadOctetString(out var engineId) || !seq.TryReadInt32(out var boots) || !seq.TryReadInt32(out var time)
            || !seq.TryReadOctetString(out var user))
        {
            error = seq.Error;
            return false;
        }
        if (!seq.TryReadOctetString(out var auth)) { error = seq.Error; return false; }
        authOffset = seqStart + seq.Position - auth.Length;
        if (!seq.TryReadOctetString(out var priv)) { error = seq.Error; return false; }
        if (!seq.IsEmpty || !reader.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        if (engineId.Length > 32 || user.Length > MaxUserNameLength || boots < 0 || time < 0) { error = SnmpDecodeError.BadLength; return false; }

        usm = new UsmParameters(engineId.ToArray(), boots, time, user.ToArray(), auth.ToArray(), priv.ToArray());
        error = SnmpDecodeError.None;
        return true;
    }
}

/// <summary>Reads a ScopedPDU from plain text or from decrypted bytes.</summary>
public static class ScopedPduReader
{
    public static bool TryRead(ref BerReader reader, out ScopedPdu? scoped)
    {
        scoped = null;
        if (!reader.TryEnter(BerTag.Sequence, out var seq)) return false;
        if (!seq.TryReadOctetString(out var contextEngineId) || !seq.TryReadOctetString(out var contextName)
            || !Pdu.TryRead(ref seq, out var pdu))
        {
            return reader.Fail(seq.Error);
        }
        if (!seq.IsEmpty) return reader.Fail(SnmpDecodeError.TrailingBytes);
        scoped = new ScopedPdu(contextEngineId.ToArray(), contextName.ToArray(), pdu);
        return true;
    }

    /// <summary>Decrypted scoped PDUs may carry block-cipher padding after the SEQUENCE: it is ignored.</summary>
    public static bool TryReadDecrypted(ReadOnlySpan<byte> plain, out ScopedPdu? scoped, out SnmpDecodeError error)
    {
        var reader = new BerReader(plain);
        var ok = TryRead(ref reader, out scoped);
        error = reader.Error;
        return ok;
    }
}
