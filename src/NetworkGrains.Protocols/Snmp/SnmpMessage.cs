namespace NetworkGrains.Protocols.Snmp;

/// <summary>The start of every SNMP message: the outer SEQUENCE and msgVersion, read to choose a decoder.</summary>
public static class SnmpMessage
{
    public static bool TryReadVersion(ReadOnlySpan<byte> datagram, out SnmpVersion version, out SnmpDecodeError error)
    {
        version = default;
        var reader = new BerReader(datagram);
        if (!reader.TryEnter(BerTag.Sequence, out var message) || !message.TryReadInteger(BerTag.Integer, out var number))
        {
            error = reader.Error != SnmpDecodeError.None ? reader.Error : message.Error;
            return false;
        }
        if (!reader.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        if (number is not (0 or 1 or 3)) { error = SnmpDecodeError.UnsupportedVersion; return false; }
        (version, error) = ((SnmpVersion)number, SnmpDecodeError.None);
        return true;
    }

    /// <summary>
    /// The id an answer echoes, read from the header only: the request id of a v1/v2c PDU, the msgID of a v3
    /// message. Lets a manager route an answer to its request without decoding it twice.
    /// </summary>
    public static bool TryReadAnswerId(ReadOnlySpan<byte> datagram, out int id)
    {
        id = 0;
        var reader = new BerReader(datagram);
        if (!reader.TryEnter(BerTag.Sequence, out var message) || !message.TryReadInteger(BerTag.Integer, out var version)) return false;
        if (version == 3)
            return message.TryEnter(BerTag.Sequence, out var global) && global.TryReadInt32(out id);
        if (!message.TryReadOctetString(out _) || !message.TryPeekTag(out var pduTag)) return false;
        return message.TryEnter(pduTag, out var pdu) && pdu.TryReadInt32(out id);
    }
}

/// <summary>An SNMPv1 or SNMPv2c message: version, community and one PDU (RFC 1157, RFC 1901).</summary>
public sealed record CommunityMessage(SnmpVersion Version, byte[] Community, Pdu Pdu)
{
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out CommunityMessage message, out SnmpDecodeError error)
    {
        message = null!;
        var reader = new BerReader(datagram);
        if (!reader.TryEnter(BerTag.Sequence, out var body)) { error = reader.Error; return false; }
        if (!reader.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        if (!body.TryReadInteger(BerTag.Integer, out var version) || !body.TryReadOctetString(out var community)
            || !Pdu.TryRead(ref body, out var pdu))
        {
            error = body.Error;
            return false;
        }
        if (version is not (0 or 1)) { error = SnmpDecodeError.UnsupportedVersion; return false; }
        if (!body.IsEmpty) { error = SnmpDecodeError.TrailingBytes; return false; }
        // v1 has no Inform, TrapV2, GetBulk or Report; v2c has no v1 Trap.
        var allowed = version == 0
            ? pdu.Type is not (PduType.InformRequest or PduType.TrapV2 or PduType.GetBulkRequest or PduType.Report)
            : pdu.Type != PduType.TrapV1;
        if (!allowed) { error = SnmpDecodeError.UnsupportedPdu; return false; }

        message = new CommunityMessage((SnmpVersion)version, community.ToArray(), pdu);
        error = SnmpDecodeError.None;
        return true;
    }

    public byte[] Encode()
    {
        var writer = new BerWriter();
        using (writer.Constructed(BerTag.Sequence))
        {
            writer.WriteInteger(BerTag.Integer, (int)Version);
            writer.WriteBytes(BerTag.OctetString, Community);
            Pdu.WriteTo(writer);
        }
        return writer.ToArray();
    }
}
