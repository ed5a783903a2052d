using System.Net;

namespace NetworkGrains.Protocols.Flows;

/// <summary>Ingress (0) or egress (1) as IPFIX flowDirection says; Unknown when the exporter does not say.</summary>
public enum FlowDirection : byte
{
    Ingress = 0,
    Egress = 1,
    Unknown = 255,
}

/// <summary>
/// One flow record, whatever format carried it. A value type filled in place by the decoders: decoding allocates
/// nothing per record. Addresses are 16 bytes (IPv4 as IPv4-mapped IPv6). Packets and bytes are as exported;
/// <see cref="SamplingInterval"/> (1 when unsampled) scales them to estimates of the real traffic.
/// </summary>
public struct FlowRecord
{
    public FlowAddress Source;
    public FlowAddress Destination;
    public FlowAddress NextHop;
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte Protocol;
    public byte TcpFlags;
    public ulong Bytes;
    public ulong Packets;
    /// <summary>Unix milliseconds; 0 when the record carries no time.</summary>
    public long StartMilliseconds;
    public long EndMilliseconds;
    public uint InputInterface;
    public uint OutputInterface;
    public uint SourceAs;
    public uint DestinationAs;
    public ushort Vlan;
    public FlowDirection Direction;
    public uint SamplingInterval;

    public readonly ulong SampledBytes => Bytes * SamplingInterval;
    public readonly ulong SampledPackets => Packets * SamplingInterval;
}

/// <summary>An IPv4 or IPv6 address as two big-endian halves: comparable, hashable and free to copy.</summary>
public readonly record struct FlowAddress(ulong High, ulong Low)
{
    private const ulong V4MappedHigh = 0;
    private const ulong V4MappedPrefix = 0x0000_FFFF_0000_0000;

    public static FlowAddress FromIPv4(uint address) => new(V4MappedHigh, V4MappedPrefix | address);

    public static FlowAddress FromIPv6(ReadOnlySpan<byte> sixteen) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sixteen),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(sixteen[8..]));

    public bool IsIPv4 => High == V4MappedHigh && (Low & 0xFFFF_FFFF_0000_0000) == V4MappedPrefix;

    public IPAddress ToIPAddress()
    {
        if (IsIPv4) return new IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)Low) & 0xFFFF_FFFFL);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes);
    }

    public override string ToString() => ToIPAddress().ToString();
}
