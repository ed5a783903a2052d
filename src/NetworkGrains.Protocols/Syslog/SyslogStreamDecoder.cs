using System.Buffers;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>
/// Splits a TCP stream into messages (RFC 6587): octet counting ("LEN SP MSG") when a frame starts with a digit,
/// otherwise non-transparent framing (up to LF). A frame longer than <c>maxFrame</c> is reported once and skipped
/// (an octet-counted one by its count, a line up to its LF), so the stream goes on. Holds no buffer while idle (its
/// buffer is rented for the bytes of an unfinished frame and returned once it is finished), so that thousands of
/// idle connections cost nothing but the socket.
/// </summary>
public sealed class SyslogStreamDecoder(int maxFrame) : IDisposable
{
    private const int MaxCountDigits = 7;
    private byte[]? _buffer;
    private int _start, _end;
    private long _skip;          // bytes of a too-long octet-counted frame still to throw away
    private bool _discardLine;   // throwing away a too-long line up to its LF

    /// <summary>Bytes received and not yet taken as frames (what a connection holds).</summary>
    public int Buffered => _end - _start;

    /// <summary>Where the next read goes: at least <paramref name="sizeHint"/> bytes.</summary>
    public Memory<byte> GetWriteMemory(int sizeHint = 4096)
    {
        if (_buffer is null) _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 4096));
        else if (_buffer.Length - _end < sizeHint)
        {
            var needed = _end - _start + sizeHint;
            var target = needed <= _buffer.Length ? _buffer : ArrayPool<byte>.Shared.Rent(needed);
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            if (!ReferenceEquals(target, _buffer)) ArrayPool<byte>.Shared.Return(_buffer);
            (_buffer, _end, _start) = (target, _end - _start, 0);
        }
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>
    /// The next complete frame (valid until the next call) or the next error: false when more bytes are needed.
    /// An error comes with an empty frame; the bytes it concerns are skipped.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> frame, out SyslogError error)
    {
        frame = default;
        error = SyslogError.None;
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, data.Length);
                (_skip, _start) = (_skip - skipped, _start + skipped);
                if (_skip > 0) return Release();
                continue;
            }
            if (_discardLine)
            {
                var lf = data.IndexOf((byte)'\n');
                if (lf < 0) { _start = _end; return Release(); }
                (_discardLine, _start) = (false, _start + lf + 1);
                continue;
            }
            var blank = data.IndexOfAnyExcept("\r\n\0 "u8);
            if (blank < 0) { _start = _end; return Release(); }
            _start += blank;
            data = data[blank..];
            return data[0] is >= (byte)'0' and <= (byte)'9' ? OctetCounted(data, out frame, out error) : Line(data, out frame, out error);
        }
    }

    /// <summary>What is left when the peer closes: an unfinished octet-counted frame is an error; an unterminated line is a frame.</summary>
    public bool TryComplete(out ReadOnlySpan<byte> frame, out SyslogError error)
    {
        frame = default;
        error = SyslogError.None;
        var data = _buffer.AsSpan(_start, _end - _start);
        _start = _end;
        if (_skip > 0 || (!_discardLine && !data.IsEmpty && data[0] is >= (byte)'0' and <= (byte)'9'))
        {
            (_skip, error) = (0, SyslogError.BadOctetCount);
            return true;
        }
        if (_discardLine || data.TrimEnd("\r\n\0 "u8).IsEmpty) return false;
        frame = data;
        return true;
    }

    private bool OctetCounted(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> frame, out SyslogError error)
    {
        frame = default;
        error = SyslogError.None;
        var digits = data.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits < 0)
        {
            if (data.Length <= MaxCountDigits) return Release();
            digits = data.Length;
        }
        long length = 0;
        if (digits > MaxCountDigits || data[0] == '0' || data[digits] != ' ')
        {
            // Not a count: throw the line away and carry on at the next one.
            (_discardLine, error) = (true, SyslogError.BadOctetCount);
            return true;
        }
        foreach (var c in data[..digits]) length = length * 10 + (c - '0');
        var header = digits + 1;
        if (length > maxFrame)
        {
            (_start, _skip, error) = (_start + header, length, SyslogError.TooLong);
            return true;
        }
        if (data.Length - header < length) return Release();
        frame = data.Slice(header, (int)length);
        _start += header + (int)length;
        return true;
    }

    private bool Line(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> frame, out SyslogError error)
    {
        frame = default;
        error = SyslogError.None;
        var lf = data[..Math.Min(data.Length, maxFrame + 1)].IndexOf((byte)'\n');
        if (lf >= 0)
        {
            frame = data[..lf];
            _start += lf + 1;
            return true;
        }
        if (data.Length <= maxFrame) return Release();
        (_start, _discardLine, error) = (_end, true, SyslogError.TooLong);
        return true;
    }

    /// <summary>Needs more bytes: gives the buffer back when nothing is held.</summary>
    private bool Release()
    {
        if (_start == _end && _buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            (_buffer, _start, _end) = (null, 0, 0);
        }
        return false;
    }

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        (_buffer, _start, _end) = (null, 0, 0);
    }
}
