using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// The common case, a v2c SNMPv2-Trap with a known community, read without building a message: each varbind is
/// looked up by its BER bytes among those seen before, and only new ones are decoded. Anything unusual (another
/// version or PDU, an unknown community, a malformed element, a value that is not what it should be) is left to
/// the full decoder, which is the one that says why a datagram is dropped; so this path only ever accepts what the
/// full decoder would accept, with the same result.
/// </summary>
public sealed class V2cTrapFastPath(SnmpCredentials credentials, TrapTextCache text)
{
    private static readonly byte[] SysUpTime = Encoded("1.3.6.1.2.1.1.3.0");
    private static readonly byte[] SnmpTrapOid = Encoded("1.3.6.1.6.3.1.1.4.1.0");

    /// <summary>The trap's parts, or false to let the full decoder handle the datagram.</summary>
    public bool TryRead(ReadOnlySpan<byte> datagram, out string securityName, out Oid trapOid, out TrapVarBind[] varBinds)
    {
        (securityName, trapOid, varBinds) = (null!, null!, null!);
        var reader = new BerReader(datagram);
        if (!reader.TryEnter(BerTag.Sequence, out var body) || !reader.IsEmpty) return false;
        if (!body.TryReadInteger(BerTag.Integer, out var version) || version != 1 || !body.TryReadOctetString(out var community)) return false;
        if (credentials.NameOfCommunity(community) is not { } name) return false;
        if (!body.TryEnter((byte)PduType.TrapV2, out var pdu) || !body.IsEmpty) return false;
        if (!pdu.TryReadInt32(out _) || !pdu.TryReadInt32(out _) || !pdu.TryReadInt32(out _)) return false;
        if (!pdu.TryEnter(BerTag.Sequence, out var list) || !pdu.IsEmpty) return false;

        var texts = new List<TrapVarBind>(8); // per call: the decoder may one day serve more than one receive thread
        Oid? found = null;
        var sawTrapOid = false;
        for (var count = 0; !list.IsEmpty; count++)
        {
            if (count == Pdu.MaxVarBinds || !list.TryReadElement(out var tag, out var content, out var encoded) || tag != BerTag.Sequence) return false;
            var item = new BerReader(content);
            if (!item.TryRead(BerTag.ObjectIdentifier, out var oid)) return false;
            if (oid.SequenceEqual(SysUpTime) || oid.SequenceEqual(SnmpTrapOid))
            {
                // Never kept; the first snmpTrapOID.0 names the trap (an OID value, else the full decoder drops it).
                if (!item.TryReadElement(out var valueTag, out var value, out _) || !item.IsEmpty) return false;
                if (oid.SequenceEqual(SnmpTrapOid) && !sawTrapOid)
                {
                    sawTrapOid = true;
                    if (valueTag != BerTag.ObjectIdentifier || TrapOid(value) is not { } parsed) return false;
                    found = parsed;
                }
                else if (!IsValidValue(content)) return false;
                continue;
            }
            if (text.KnownVarBind(encoded) is not { } known)
            {
                if (!Oid.TryDecode(oid, out var decodedOid) || !SnmpValue.TryRead(ref item, out var decodedValue) || !item.IsEmpty) return false;
                known = text.VarBind(new VarBind(decodedOid, decodedValue));
                text.RememberVarBind(encoded, known);
            }
            texts.Add(known);
        }
        if (found is null) return false;
        (securityName, trapOid, varBinds) = (name, found, text.VarBinds(texts));
        return true;
    }

    private Oid? TrapOid(ReadOnlySpan<byte> content)
    {
        if (text.KnownOid(content) is { } known) return known;
        if (!Oid.TryDecode(content, out var oid)) return null;
        text.RememberOid(content, oid);
        return oid;
    }

    /// <summary>Whether the full decoder would read this varbind's value (sysUpTime's, or a second snmpTrapOID's).</summary>
    private static bool IsValidValue(ReadOnlySpan<byte> varBindContent)
    {
        var item = new BerReader(varBindContent);
        return item.TryRead(BerTag.ObjectIdentifier, out _) && SnmpValue.TryRead(ref item, out _) && item.IsEmpty;
    }

    private static byte[] Encoded(string oid)
    {
        var writer = new BerWriter();
        writer.WriteObjectIdentifier(Oid.Parse(oid));
        var encoded = writer.ToArray();
        return encoded[2..]; // tag and one-byte length: the content is what varbinds are compared by
    }
}
