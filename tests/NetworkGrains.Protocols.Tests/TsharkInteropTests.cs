using System.Diagnostics;
using System.Net;
using System.Text;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Protocols.Tests;

/// <summary>
/// What we send, as Wireshark's dissector sees it: our messages go into a pcap (text2pcap, no capture needed) and
/// tshark must decode each as SNMP, authenticate and decrypt the v3 ones with the user table, and flag nothing.
/// </summary>
public sealed class TsharkInteropTests
{
    private static readonly byte[] Engine = Convert.FromHexString("80001f88046e672d74657374");
    private static readonly UsmUser ShaAes = new("opsSha", AuthProtocol.Sha1, "authpass123", PrivProtocol.Aes128, "privpass123");
    private static readonly UsmUser Sha256 = new("opsSha256", AuthProtocol.Sha256, "authpass123", PrivProtocol.None, null);

    private static readonly VarBind[] AllTypes =
    [
        new(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(12345)),
        new(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("edge-7")),
        new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.3"), SnmpValue.Counter32(uint.MaxValue)),
        new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.3"), SnmpValue.Counter64(ulong.MaxValue)),
        new(Oid.Parse("1.3.6.1.2.1.2.2.1.5.3"), SnmpValue.Gauge32(1_000_000_000)),
        new(Oid.Parse("1.3.6.1.2.1.4.20.1.1.10.0.0.7"), SnmpValue.IpAddress(IPAddress.Parse("10.0.0.7"))),
        new(Oid.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.8072.3.2.10"))),
        new(Oid.Parse("1.3.6.1.4.1.9999.2"), SnmpValue.Integer(int.MinValue)),
        new(Oid.Parse("1.3.6.1.4.1.9999.3"), SnmpValue.NoSuchInstance),
    ];

    [Fact]
    public async Task Tshark_decodes_every_kind_of_message_we_send_without_complaint()
    {
        if (!File.Exists("/usr/bin/tshark")) Assert.Fail("tshark is missing: scripts/bootstrap.sh installs it");
        byte[][] messages =
        [
            new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.Response, 7, 0, 0, AllTypes)).Encode(),
            new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new Pdu(PduType.GetBulkRequest, 8, 0, 25, [new(Oid.Parse("1.3.6.1.2.1.2.2.1.2"), SnmpValue.Null)])).Encode(),
            new CommunityMessage(SnmpVersion.V2c, "private"u8.ToArray(), new Pdu(PduType.SetRequest, 9, 0, 0, [new(Oid.Parse("1.3.6.1.2.1.1.4.0"), SnmpValue.OctetString("noc@example.net"))])).Encode(),
            new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(), new Pdu(PduType.TrapV1, 0, 0, 0, AllTypes[1..3],
                new TrapV1Header(Oid.Parse("1.3.6.1.4.1.8072.2.3"), IPAddress.Parse("10.0.0.7"), 2, 0, 12345))).Encode(),
            V3MessageWriter.Encode(10, V3Flags.Reportable, [], 0, 0, [], null, new ScopedPdu([], [], new Pdu(PduType.GetRequest, 10, 0, 0, []))),
            V3MessageWriter.Encode(10, V3Flags.None, Engine, 1234, 56, [], null,
                new ScopedPdu(Engine, [], new Pdu(PduType.Report, 10, 0, 0, [new(Oid.Parse("1.3.6.1.6.3.15.1.1.4.0"), SnmpValue.Counter32(1))]))),
            V3MessageWriter.Encode(11, V3Flags.None, Engine, 1234, 57, ShaAes.NameBytes, ShaAes, new ScopedPdu(Engine, [], new Pdu(PduType.Response, 11, 0, 0, AllTypes))),
            V3MessageWriter.Encode(12, V3Flags.None, Engine, 1234, 58, Sha256.NameBytes, Sha256, new ScopedPdu(Engine, [], new Pdu(PduType.TrapV2, 12, 0, 0, AllTypes))),
        ];

        var directory = Directory.CreateTempSubdirectory("ng-tshark-").FullName;
        var hex = Path.Combine(directory, "ours.txt");
        var pcap = Path.Combine(directory, "ours.pcap");
        await File.WriteAllTextAsync(hex, string.Concat(messages.Select(HexDump)));
        await Run("text2pcap", ["-q", "-u", "1162,1162", hex, pcap]);
        // One user-table entry: a second -o would replace the table. ("<MISSING>" is how tshark shows an empty field.)
        var decoded = await Run("tshark", ["-r", pcap, "-d", "udp.port==1162,snmp", "-V",
            "-o", "uat:snmp_users:\"\",\"opsSha\",\"SHA1\",\"authpass123\",\"AES\",\"privpass123\""]);

        Assert.Equal(messages.Length, CountOf(decoded, "Simple Network Management Protocol"));
        Assert.DoesNotContain("Malformed", decoded);
        Assert.DoesNotContain("[Expert Info (Error", decoded);
        Assert.Equal(1, CountOf(decoded, "[Authentication: OK]"));     // our HMAC on the authPriv response
        Assert.Contains("Decrypted ScopedPDU", decoded);                 // our AES encryption
        Assert.Equal(4, CountOf(decoded, "Variable-binding-string: edge-7")); // v2c, v1, decrypted v3, v3 trap
        Assert.Equal(3, CountOf(decoded, "Value (Counter64): 18446744073709551615"));
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>text2pcap's input: every packet starts again at offset 0000.</summary>
    private static string HexDump(byte[] packet)
    {
        var text = new StringBuilder();
        for (var offset = 0; offset < packet.Length; offset += 16)
        {
            text.Append($"{offset:x4} ");
            foreach (var b in packet.AsSpan(offset, Math.Min(16, packet.Length - offset))) text.Append($" {b:x2}");
            text.Append('\n');
        }
        return text.ToString();
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static async Task<string> Run(string tool, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
        return await output;
    }
}
