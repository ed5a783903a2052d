using System.Net;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

/// <summary>The v2c fast path against the full decoder: the same outcome for every datagram, valid or mutated.</summary>
public sealed class V2cTrapFastPathTests
{
    private static readonly IPAddress Source = IPAddress.Parse("127.0.0.1");
    private static readonly SnmpOptions Options = new() { Communities = [new() { Name = "lab", Community = "public" }] };
    private static readonly SnmpEngine Engine = new(Convert.FromHexString("80001f88046e672d74657374"), TimeProvider.System);

    private static string Outcome(TrapOutcome outcome) => outcome.Trap is not { } trap
        ? $"drop {outcome.DropReason} reply {outcome.Reply?.Length}"
        : $"{trap.Version} {trap.TrapOid} {trap.Kind} {trap.SecurityName} {trap.IsInform} {trap.SourceAddress} " +
          string.Join(" | ", trap.VarBinds.Select(v => $"{v.Oid} {v.Type} {v.Value}")) + $" reply {outcome.Reply?.Length}";

    private static byte[] Notification(int i, PduType type = PduType.TrapV2, string community = "public") =>
        new CommunityMessage(SnmpVersion.V2c, System.Text.Encoding.UTF8.GetBytes(community), new Pdu(type, 1_000 + i, 0, 0,
        [
            new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks((uint)(100_000 + i))),
            new VarBind(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectIdentifier(Oid.Parse(i % 3 == 0 ? "1.3.6.1.6.3.1.1.5.3" : "1.3.6.1.4.1.9.9.41.2.0.1"))),
            new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.1.{i % 7 + 1}"), SnmpValue.Integer(i % 7 + 1)),
            new VarBind(Oid.Parse($"1.3.6.1.2.1.2.2.1.2.{i % 7 + 1}"), SnmpValue.OctetString($"Gi0/{i % 7 + 1}")),
            new VarBind(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.1"), SnmpValue.Counter64((ulong)i * 1_000_003)),
        ])).Encode();

    [Fact]
    public void Valid_and_mutated_datagrams_decode_the_same_with_and_without_the_fast_path()
    {
        var fast = new TrapDecoder(new SnmpCredentials(Options), Engine, TimeProvider.System);
        var full = new TrapDecoder(new SnmpCredentials(Options), Engine, TimeProvider.System, fastPath: false);
        var samples = Enumerable.Range(0, 64).Select(i => Notification(i))
            .Append(Notification(1, PduType.InformRequest)).Append(Notification(2, community: "wrong"))
            .Append(Notification(3, PduType.GetRequest))
            .ToArray();
        var random = new Random(5);
        var accepted = 0;
        for (var round = 0; round < 200_000; round++)
        {
            var datagram = (byte[])samples[round % samples.Length].Clone();
            if (round >= samples.Length)
            {
                // Flip, replace or cut: mostly malformed, sometimes still valid but different.
                switch (random.Next(3))
                {
                    case 0: datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8)); break;
                    case 1: datagram[random.Next(datagram.Length)] = (byte)random.Next(256); break;
                    default: datagram = datagram[..random.Next(datagram.Length)]; break;
                }
            }
            var expected = Outcome(full.Decode(datagram, Source));
            Assert.Equal(expected, Outcome(fast.Decode(datagram, Source)));
            if (!expected.StartsWith("drop", StringComparison.Ordinal)) accepted++;
        }
        Assert.InRange(accepted, 1_000, 199_000); // both kinds were exercised
    }

    [Fact]
    public void A_repeated_varbind_is_taken_from_its_bytes_without_decoding_again()
    {
        var text = new TrapTextCache();
        var path = new V2cTrapFastPath(new SnmpCredentials(Options), text);
        Assert.True(path.TryRead(Notification(7), out var name, out var trapOid, out var first));
        Assert.True(path.TryRead(Notification(14), out _, out _, out var second)); // same interface, other counter and uptime
        Assert.Equal(("lab", "1.3.6.1.4.1.9.9.41.2.0.1"), (name, trapOid.ToString()));
        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
        Assert.NotSame(first[2], second[2]);
        Assert.False(path.TryRead(Notification(1, PduType.InformRequest), out _, out _, out _)); // informs take the full path
    }
}
