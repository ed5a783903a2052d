using System.Text;
using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Protocols.Tests.Syslog;

public sealed class SyslogStreamDecoderTests
{
    private static (List<string> Frames, List<SyslogError> Errors) Feed(SyslogStreamDecoder decoder, byte[] bytes, int chunk, bool close = true)
    {
        var (frames, errors) = (new List<string>(), new List<SyslogError>());
        void Drain()
        {
            while (decoder.TryRead(out var frame, out var error))
            {
                if (error == SyslogError.None) frames.Add(Encoding.Latin1.GetString(frame));
                else errors.Add(error);
            }
        }
        for (var at = 0; at < bytes.Length; at += chunk)
        {
            var piece = bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at));
            piece.CopyTo(decoder.GetWriteMemory(piece.Length).Span);
            decoder.Advance(piece.Length);
            Drain();
        }
        if (close && decoder.TryComplete(out var last, out var lastError))
        {
            if (lastError == SyslogError.None) frames.Add(Encoding.Latin1.GetString(last));
            else errors.Add(lastError);
        }
        return (frames, errors);
    }

    [Fact]
    public void Octet_counted_and_newline_framed_messages_come_out_whole_however_the_bytes_are_split()
    {
        var stream = Encoding.UTF8.GetBytes("11 <13>1 - a b12 <13>1 - c\nd\n<13>e f\n\n<13>g h\r\n7 <13>i\nj<13>k");
        foreach (var chunk in new[] { 1, 2, 3, 7, 1000 })
        {
            using var decoder = new SyslogStreamDecoder(1024);
            var (frames, errors) = Feed(decoder, stream, chunk);
            Assert.Equal(["<13>1 - a b", "<13>1 - c\nd\n", "<13>e f", "<13>g h\r", "<13>i\nj", "<13>k"], frames);
            Assert.Empty(errors);
            Assert.Equal(0, decoder.Buffered);
        }
    }

    [Fact]
    public void Too_long_frames_and_bad_counts_are_reported_once_and_the_stream_goes_on()
    {
        var longLine = "<13>" + new string('x', 70_000) + "\n";
        var stream = Encoding.ASCII.GetBytes($"{longLine}<13>after line\n99999 {new string('y', 99_999)}<13>after count\n0x <13>not a count\n<13>resync\n");
        using var decoder = new SyslogStreamDecoder(64 * 1024 - 1);
        var (frames, errors) = Feed(decoder, stream, 4096);
        Assert.Equal(["<13>after line", "<13>after count", "<13>resync"], frames);
        Assert.Equal([SyslogError.TooLong, SyslogError.TooLong, SyslogError.BadOctetCount], errors);
    }

    [Fact]
    public void A_frame_cut_short_by_the_close_is_a_bad_count_and_what_waits_for_a_frame_is_bounded()
    {
        using (var truncated = new SyslogStreamDecoder(1024))
            Assert.Equal([SyslogError.BadOctetCount], Feed(truncated, "50 <13>only part"u8.ToArray(), 5).Errors);

        using var endless = new SyslogStreamDecoder(8 * 1024);
        var (frames, errors) = Feed(endless, Encoding.ASCII.GetBytes("<13>" + new string('z', 1_000_000)), 4096, close: false);
        Assert.Empty(frames);
        Assert.Equal([SyslogError.TooLong], errors);
        Assert.True(endless.Buffered <= 8 * 1024 + 4096, $"{endless.Buffered} bytes held");
    }

    [Fact]
    public void Every_truncated_prefix_of_an_octet_counted_stream_yields_whole_frames_only()
    {
        var stream = SyslogVectors.All.SelectMany(v => Encoding.ASCII.GetBytes($"{v.Length} ").Concat(v)).ToArray();
        for (var length = 0; length <= stream.Length; length++)
        {
            using var decoder = new SyslogStreamDecoder(4096);
            var (frames, errors) = Feed(decoder, stream[..length], 64);
            Assert.All(frames, f => Assert.Contains(SyslogVectors.All, v => Encoding.Latin1.GetString(v) == f));
            Assert.True(errors.Count <= 1 && errors.All(e => e == SyslogError.BadOctetCount));
        }
    }
}
