using System.Net;

namespace NetworkGrains.Protocols.Snmp;

/// <summary>The fields of an SNMPv1 Trap-PDU that other PDUs do not have (RFC 1157).</summary>
public sealed record TrapV1Header(Oid Enterprise, IPAddress AgentAddress, int GenericTrap, int SpecificTrap, uint TimeStamp);

/// <summary>
/// A PDU. For GetBulkRequest, <see cref="ErrorStatus"/> and <see cref="ErrorIndex"/> hold non-repeaters and
/// max-repetitions, as on the wire. A TrapV1 has <see cref="TrapV1"/> and no request id.
/// </summary>
public sealed record Pdu(PduType Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<VarBind> VarBinds, TrapV1Header? TrapV1 = null)
{
    public const int MaxVarBinds = 2048;

    public int NonRepeaters => ErrorStatus;
    public int MaxRepetitions => ErrorIndex;

    public static bool TryRead(ref BerReader reader, out Pdu pdu)
    {
        pdu = null!;
        if (!reader.TryPeekTag(out var tag)) return reader.Fail(SnmpDecodeError.Truncated);
        if (tag is < (byte)PduType.GetRequest or > (byte)PduType.Report) return reader.Fail(SnmpDecodeError.UnsupportedPdu);
        if (!reader.TryEnter(tag, out var body)) return false;

        var type = (PduType)tag;
        TrapV1Header? trap = null;
        int requestId = 0, errorStatus = 0, errorIndex = 0;
        if (type == PduType.TrapV1)
        {
            if (!TryReadTrapV1Header(ref body, out trap)) return reader.Fail(body.Error);
        }
        else if (!body.TryReadInt32(out requestId) || !body.TryReadInt32(out errorStatus) || !body.TryReadInt32(out errorIndex))
        {
            return reader.Fail(body.Error);
        }

        if (!TryReadVarBinds(ref body, out var varBinds)) return reader.Fail(body.Error);
        if (!body.IsEmpty) return reader.Fail(SnmpDecodeError.TrailingBytes);
        pdu = new Pdu(type, requestId, errorStatus, errorIndex, varBinds, trap);
        return true;
    }

    public void WriteTo(BerWriter writer)
    {
        using (writer.Constructed((byte)Type))
        {
            if (TrapV1 is { } trap)
            {
                writer.WriteObjectIdentifier(trap.Enterprise);
                writer.WriteBytes(BerTag.IpAddress, trap.AgentAddress.MapToIPv4().GetAddressBytes());
                writer.WriteInteger(BerTag.Integer, trap.GenericTrap);
                writer.WriteInteger(BerTag.Integer, trap.SpecificTrap);
                writer.WriteUnsigned(BerTag.TimeTicks, trap.TimeStamp);
            }
            else
            {
                writer.WriteInteger(BerTag.Integer, RequestId);
                writer.WriteInteger(BerTag.Integer, ErrorStatus);
                writer.WriteInteger(BerTag.Integer, ErrorIndex);
            }
            using (writer.Constructed(BerTag.Sequence))
            {
                foreach (var varBind in VarBinds)
                {
                    using (writer.Constructed(BerTag.Sequence))
                    {
                        writer.WriteObjectIdentifier(varBind.Oid);
                        varBind.Value.WriteTo(writer);
                    }
                }
            }
        }
    }

    private static bool TryReadTrapV1Header(ref BerReader body, out TrapV1Header? trap)
    {
        trap = null;
        if (!body.TryReadObjectIdentifier(out var enterprise)) return false;
        if (!body.TryRead(BerTag.IpAddress, out var address)) return false;
        if (address.Length != 4) return body.Fail(SnmpDecodeError.BadLength);
        if (!body.TryReadInt32(out var generic) || !body.TryReadInt32(out var specific)) return false;
        if (!body.TryReadUnsigned(BerTag.TimeTicks, 32, out var timeStamp)) return false;
        trap = new TrapV1Header(enterprise, new IPAddress(address), generic, specific, (uint)timeStamp);
        return true;
    }

    private static bool TryReadVarBinds(ref BerReader body, out List<VarBind> varBinds)
    {
        varBinds = [];
        if (!body.TryEnter(BerTag.Sequence, out var list)) return false;
        while (!list.IsEmpty)
        {
            if (varBinds.Count == MaxVarBinds) return body.Fail(SnmpDecodeError.BadLength);
            if (!list.TryEnter(BerTag.Sequence, out var item)
                || !item.TryReadObjectIdentifier(out var oid)
                || !SnmpValue.TryRead(ref item, out var value))
            {
                return body.Fail(list.Error != SnmpDecodeError.None ? list.Error : item.Error);
            }
            if (!item.IsEmpty) return body.Fail(SnmpDecodeError.TrailingBytes);
            varBinds.Add(new VarBind(oid, value));
        }
        return true;
    }
}
