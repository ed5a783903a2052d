using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Protocols.Tests.Syslog;

/// <summary>
/// A million random and mutated datagrams through the parser and the vendor rules, and a million-byte mutated TCP
/// stream through the framing: no exception, bounded allocation per message, both outcomes exercised.
/// </summary>
public sealed class SyslogFuzzTests
{
    private const int Datagrams = 1_000_000;

    [Fact]
    public void A_million_random_and_mutated_datagrams_never_throw()
    {
        var random = new Random(20261207);
        var rules = SyslogRules.Compile(new SyslogRuleFile
        {
            Formats = [new() { Match = @"^(?:%{INT:sequence}: )*%{SYSLOGCLOCK:timestamp}: %%{WORD:vendorFacility}-%{INT:vendorSeverity}-%{WORD:mnemonic}: %{GREEDYDATA:message}" }],
            Events = [new() { Kind = "interface_down", Match = @"Interface %{NOTSPACE:subject}, changed state to down" }],
        });
        var buffer = new byte[2048];
        var parsed = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Datagrams; i++)
        {
            var length = Mutate(random, SyslogVectors.All[random.Next(SyslogVectors.All.Length)], buffer);
            if (!SyslogParser.TryParse(buffer.AsSpan(0, length), SyslogParserTests.Received, SyslogParserTests.Utc, out var message, out _)) continue;
            rules.Read(message!, SyslogParserTests.Received, SyslogParserTests.Utc);
            parsed++;
        }
        var perDatagram = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)Datagrams;
        Assert.True(perDatagram < 8192, $"{perDatagram:F0} bytes allocated per datagram");
        Assert.InRange(parsed, 1, Datagrams - 1);
    }

    [Fact]
    public void Mutated_tcp_streams_never_throw_and_hold_at_most_a_frame()
    {
        var random = new Random(7);
        var frames = 0;
        for (var stream = 0; stream < 200; stream++)
        {
            using var decoder = new SyslogStreamDecoder(4096);
            for (var piece = 0; piece < 500; piece++)
            {
                var seed = SyslogVectors.All[random.Next(SyslogVectors.All.Length)];
                var bytes = random.Next(3) == 0 ? seed : [.. System.Text.Encoding.ASCII.GetBytes($"{seed.Length} "), .. seed];
                var chunk = bytes.ToArray();
                for (var c = random.Next(3); c > 0; c--) chunk[random.Next(chunk.Length)] = Mutations.Mutate(random, 0);
                chunk.CopyTo(decoder.GetWriteMemory(chunk.Length).Span);
                decoder.Advance(chunk.Length);
                while (decoder.TryRead(out var frame, out var error))
                    if (error == SyslogError.None && SyslogParser.TryParse(frame, SyslogParserTests.Received, SyslogParserTests.Utc, out _, out _)) frames++;
                Assert.True(decoder.Buffered <= 4096 + chunk.Length + 8, $"{decoder.Buffered} bytes held");
            }
            decoder.TryComplete(out _, out _);
        }
        Assert.True(frames > 0);
    }

    private static int Mutate(Random random, byte[] seed, byte[] buffer)
    {
        switch (random.Next(5))
        {
            case 0:
                var length = random.Next(1, 600);
                random.NextBytes(buffer.AsSpan(0, length));
                buffer[0] = (byte)'<';
                return length;
            case 1:
                seed.CopyTo(buffer, 0);
                return random.Next(seed.Length);
            case 2:
                seed.CopyTo(buffer, 0);
                var extra = random.Next(1, 64);
                random.NextBytes(buffer.AsSpan(seed.Length, extra));
                return seed.Length + extra;
            default:
                seed.CopyTo(buffer, 0);
                for (var c = random.Next(1, 5); c > 0; c--)
                {
                    var at = random.Next(seed.Length);
                    buffer[at] = Mutations.Mutate(random, buffer[at]);
                }
                return seed.Length;
        }
    }
}
