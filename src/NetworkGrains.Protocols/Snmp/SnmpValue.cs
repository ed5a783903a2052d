using System.Net;
using System.Text;

namespace NetworkGrains.Protocols.Snmp;

/// <summary>
/// The value of a variable binding: its BER tag plus either a number (INTEGER, Counter32, Gauge32, TimeTicks,
/// Counter64), bytes (OCTET STRING, IpAddress, Opaque) or an OID. Null and the three exceptions carry nothing.
/// </summary>
public readonly struct SnmpValue : IEquatable<SnmpValue>
{
    private readonly long _number;
    private readonly object? _reference;

    private SnmpValue(byte tag, long number, object? reference) => (Tag, _number, _reference) = (tag, number, reference);

    public byte Tag { get; }

    public static SnmpValue Null => new(BerTag.Null, 0, null);
    public static SnmpValue NoSuchObject => new(BerTag.NoSuchObject, 0, null);
    public static SnmpValue NoSuchInstance => new(BerTag.NoSuchInstance, 0, null);
    public static SnmpValue EndOfMibView => new(BerTag.EndOfMibView, 0, null);

    public static SnmpValue Integer(long value) => new(BerTag.Integer, value, null);
    public static SnmpValue OctetString(byte[] value) => new(BerTag.OctetString, 0, value);
    public static SnmpValue OctetString(string text) => OctetString(Encoding.UTF8.GetBytes(text));
    public static SnmpValue Opaque(byte[] value) => new(BerTag.Opaque, 0, value);
    public static SnmpValue ObjectIdentifier(Oid value) => new(BerTag.ObjectIdentifier, 0, value);
    public static SnmpValue Counter32(uint value) => new(BerTag.Counter32, value, null);
    public static SnmpValue Gauge32(uint value) => new(BerTag.Gauge32, value, null);
    public static SnmpValue TimeTicks(uint value) => new(BerTag.TimeTicks, value, null);
    public static SnmpValue Counter64(ulong value) => new(BerTag.Counter64, unchecked((long)value), null);

    public static SnmpValue IpAddress(IPAddress address) =>
        address.GetAddressBytes() is { Length: 4 } bytes ? new(BerTag.IpAddress, 0, bytes) : throw new ArgumentException("IpAddress is IPv4.");

    public bool IsException => Tag is BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView;
    public bool IsNumeric => Tag is BerTag.Integer or BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks or BerTag.Counter64;

    /// <summary>INTEGER as signed; the unsigned types as their (non-negative) value.</summary>
    public long AsInt64 => _number;
    public ulong AsUInt64 => unchecked((ulong)_number);
    public double AsDouble => Tag == BerTag.Integer ? _number : AsUInt64;
    public ReadOnlySpan<byte> AsBytes => _reference as byte[];
    public Oid? AsOid => _reference as Oid;
    public IPAddress? AsIpAddress => Tag == BerTag.IpAddress ? new IPAddress((byte[])_reference!) : null;

    /// <summary>Reads one value of any SNMP type; the reader records why it could not.</summary>
    public static bool TryRead(ref BerReader reader, out SnmpValue value)
    {
        value = Null;
        if (!reader.TryPeekTag(out var tag)) return reader.Fail(SnmpDecodeError.Truncated);
        switch (tag)
        {
            case BerTag.Integer:
                if (!reader.TryReadInteger(BerTag.Integer, out var integer)) return false;
                value = Integer(integer);
                return true;
            case BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks or BerTag.Counter64:
                if (!reader.TryReadUnsigned(tag, tag == BerTag.Counter64 ? 64 : 32, out var unsigned)) return false;
                value = new SnmpValue(tag, unchecked((long)unsigned), null);
                return true;
            case BerTag.OctetString or BerTag.Opaque:
                if (!reader.TryRead(tag, out var bytes)) return false;
                value = new SnmpValue(tag, 0, bytes.ToArray());
                return true;
            case BerTag.IpAddress:
                if (!reader.TryRead(tag, out var address)) return false;
                if (address.Length != 4) return reader.Fail(SnmpDecodeError.BadLength);
                value = new SnmpValue(tag, 0, address.ToArray());
                return true;
            case BerTag.ObjectIdentifier:
                if (!reader.TryReadObjectIdentifier(out var oid)) return false;
                value = ObjectIdentifier(oid);
                return true;
            case BerTag.Null or BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView:
                if (!reader.TryRead(tag, out var empty)) return false;
                if (!empty.IsEmpty) return reader.Fail(SnmpDecodeError.BadLength);
                value = new SnmpValue(tag, 0, null);
                return true;
            default:
                return reader.Fail(SnmpDecodeError.UnexpectedTag);
        }
    }

    public void WriteTo(BerWriter writer)
    {
        switch (Tag)
        {
            case BerTag.Integer: writer.WriteInteger(BerTag.Integer, _number); break;
            case BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks or BerTag.Counter64: writer.WriteUnsigned(Tag, AsUInt64); break;
            case BerTag.OctetString or BerTag.Opaque or BerTag.IpAddress: writer.WriteBytes(Tag, AsBytes); break;
            case BerTag.ObjectIdentifier: writer.WriteObjectIdentifier(AsOid!); break;
            default: writer.WriteBytes(Tag, []); break;
        }
    }

    public bool Equals(SnmpValue other) =>
        Tag == other.Tag && _number == other._number
        && (_reference is byte[] bytes ? other._reference is byte[] b && bytes.AsSpan().SequenceEqual(b) : Equals(_reference, other._reference));

    public override bool Equals(object? obj) => obj is SnmpValue other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Tag, _number);

    public override string ToString() => Tag switch
    {
        BerTag.Integer => $"INTEGER {_number}",
        BerTag.Counter32 => $"Counter32 {AsUInt64}",
        BerTag.Gauge32 => $"Gauge32 {AsUInt64}",
        BerTag.TimeTicks => $"Timeticks {AsUInt64}",
        BerTag.Counter64 => $"Counter64 {AsUInt64}",
        BerTag.OctetString => $"STRING {Encoding.UTF8.GetString(AsBytes)}",
        BerTag.Opaque => $"Opaque {Convert.ToHexString(AsBytes)}",
        BerTag.IpAddress => $"IpAddress {AsIpAddress}",
        BerTag.ObjectIdentifier => $"OID {AsOid}",
        BerTag.NoSuchObject => "noSuchObject",
        BerTag.NoSuchInstance => "noSuchInstance",
        BerTag.EndOfMibView => "endOfMibView",
        _ => "NULL",
    };
}
