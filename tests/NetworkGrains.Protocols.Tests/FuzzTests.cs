using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;

namespace NetworkGrains.Protocols.Tests;

/// <summary>
/// A million random and mutated datagrams through everything a receiver runs on untrusted input: the decoders
/// answer true or false, never throw, finish, and allocate a bounded amount per datagram. (No timing assertion:
/// how fast they are is for the benchmarks.)
/// </summary>
public sealed class FuzzTests
{
    private const int Datagrams = 1_000_000;

    [Fact]
    public void A_million_random_and_mutated_datagrams_never_throw()
    {
        var random = new Random(20261128);
        var seeds = SnmpVectors.All.Values.ToArray();
        var users = new Dictionary<string, UsmUser>
        {
            ["ngShaAes"] = new("ngShaAes", AuthProtocol.Sha1, "authpass123", PrivProtocol.Aes128, "privpass123"),
            ["ngShaDes"] = new("ngShaDes", AuthProtocol.Sha1, "authpass123", PrivProtocol.Des, "privpass123"),
            ["ngNone"] = new("ngNone", AuthProtocol.None, null, PrivProtocol.None, null),
        };
        var buffer = new byte[1500];
        var decoded = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < Datagrams; i++)
        {
            var length = Mutate(random, seeds[random.Next(seeds.Length)], buffer);
            if (Receive(buffer.AsSpan(0, length), users)) decoded++;
        }

        var perDatagram = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)Datagrams;
        Assert.True(perDatagram < 4096, $"{perDatagram:F0} bytes allocated per datagram");
        Assert.InRange(decoded, 1, Datagrams - 1); // both outcomes were exercised
    }

    /// <summary>What the trap receiver does with a datagram, short of the grain call.</summary>
    private static bool Receive(ReadOnlySpan<byte> datagram, Dictionary<string, UsmUser> users)
    {
        if (!SnmpMessage.TryReadVersion(datagram, out var version, out _)) return false;
        if (version != SnmpVersion.V3) return CommunityMessage.TryDecode(datagram, out _, out _);
        if (!V3Message.TryDecode(datagram, out var message, out _)) return false;
        var name = System.Text.Encoding.UTF8.GetString(message.Usm.UserName);
        return users.TryGetValue(name, out var user) && UsmProcessor.TryOpen(datagram, message, user, out _, out _);
    }

    private static int Mutate(Random random, byte[] seed, byte[] buffer)
    {
        switch (random.Next(6))
        {
            case 0: // random bytes behind a plausible SEQUENCE header
                var length = random.Next(2, 600);
                random.NextBytes(buffer.AsSpan(0, length));
                buffer[0] = 0x30;
                return length;
            case 1: // truncated
                seed.CopyTo(buffer, 0);
                return random.Next(seed.Length);
            case 2: // extended with garbage
                seed.CopyTo(buffer, 0);
                var extra = random.Next(1, 64);
                random.NextBytes(buffer.AsSpan(seed.Length, extra));
                return seed.Length + extra;
            default: // a few bytes changed, favouring tags and lengths
                seed.CopyTo(buffer, 0);
                var changes = random.Next(1, 5);
                for (var c = 0; c < changes; c++)
                {
                    var at = random.Next(seed.Length);
                    buffer[at] = Mutations.Mutate(random, buffer[at]);
                }
                return seed.Length;
        }
    }
}
