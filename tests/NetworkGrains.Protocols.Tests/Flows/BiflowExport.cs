using static NetworkGrains.Protocols.Tests.Flows.ExportBuilder;

namespace NetworkGrains.Protocols.Tests.Flows;

/// <summary>IPFIX biflow exports (RFC 5103) as exporters such as ipfixprobe send them, built field by field.</summary>
public static class BiflowExport
{
    public const uint ReversePen = 29_305;

    /// <summary>A template field header of an enterprise-specific element: reverse (PEN 29305) unless told otherwise.</summary>
    public static byte[] EnterpriseField(ushort element, ushort length, uint enterprise = ReversePen) => [.. U16(0x8000 | element), .. U16(length), .. U32(enterprise)];

    /// <summary>
    /// Template 700 as a biflow exporter sends it: addresses, ports, protocol, both interfaces, forward octets and
    /// packets and TCP flags, then reverseOctetDeltaCount (8 bytes), reversePacketDeltaCount (reduced to 3 bytes)
    /// and reverseTcpControlBits.
    /// </summary>
    public static byte[] BiflowTemplate(uint domain = 7) => new ExportBuilder(10, domain).Set(2,
        U16(700), U16(13),
        U16(8), U16(4), U16(12), U16(4), U16(7), U16(2), U16(11), U16(2), U16(4), U16(1),
        U16(10), U16(4), U16(14), U16(4),
        U16(1), U16(8), U16(2), U16(8), U16(6), U16(1),
        EnterpriseField(1, 8), EnterpriseField(2, 3), EnterpriseField(6, 1)).Build();

    public static byte[] BiflowRecord(byte[] source, byte[] destination, int sourcePort, int destinationPort, uint input, uint output,
        ulong bytes, ulong packets, byte flags, ulong reverseBytes, uint reversePackets, byte reverseFlags) =>
        [.. source, .. destination, .. U16(sourcePort), .. U16(destinationPort), 6, .. U32(input), .. U32(output),
         .. U64(bytes), .. U64(packets), flags, .. U64(reverseBytes), (byte)(reversePackets >> 16), .. U16((int)(reversePackets & 0xFFFF)), reverseFlags];
}
