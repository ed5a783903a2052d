using System.Text;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>
/// RFC 5424 and RFC 3164 messages from bytes. RFC 5424 is held to its grammar (a broken header is
/// <see cref="SyslogError.Malformed"/>); RFC 3164 is what devices send, parsed as rsyslog does: a time at the start
/// (see <see cref="SyslogClock.TryReadClock"/>) then a hostname and a tag ("app[pid]:") where they look like one, and
/// otherwise everything after the PRI is the message (vendor rules read it further).
/// </summary>
public static class SyslogParser
{
    /// <summary>The longest message taken (rsyslog's default is 8 KiB); longer ones are <see cref="SyslogError.TooLong"/>.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, TimeZoneInfo zone, out SyslogMessage? message, out SyslogError error)
    {
        message = null;
        data = data.TrimEnd("\r\n\0"u8);
        if (data.IsEmpty) { error = SyslogError.Empty; return false; }
        if (data.Length > MaxMessageBytes) { error = SyslogError.TooLong; return false; }
        if (!SyslogPri.TryRead(data, out var pri, out var consumed, out error)) return false;
        var rest = data[consumed..];
        return rest.Length >= 2 && rest[0] == '1' && rest[1] == ' '
            ? TryParse5424(pri, rest[2..], out message, out error)
            : TryParse3164(pri, rest, receivedAt, zone, out message, out error);
    }

    private static bool TryParse5424(int pri, ReadOnlySpan<byte> rest, out SyslogMessage? message, out SyslogError error)
    {
        (message, error) = (null, SyslogError.Malformed);
        DateTimeOffset? timestamp = null;
        if (rest.Length > 0 && rest[0] == '-') rest = rest[1..];
        else if (SyslogClock.TryReadRfc3339(rest, out var time, out var used))
        {
            timestamp = time;
            rest = rest[used..];
        }
        else return false;
        if (!Space(ref rest) || !Field(ref rest, 255, out var host) || !Space(ref rest) || !Field(ref rest, 48, out var app) || !Space(ref rest)
            || !Field(ref rest, 128, out var procId) || !Space(ref rest) || !Field(ref rest, 32, out var msgId) || !Space(ref rest)
            || !SyslogStructuredData.TryRead(ref rest, out var structured)) return false;
        string text;
        if (rest.IsEmpty) text = "";
        else if (!Space(ref rest)) return false;
        else if (rest.StartsWith(Bom))
        {
            try
            {
                text = StrictUtf8.GetString(rest[3..]);
            }
            catch (DecoderFallbackException)
            {
                error = SyslogError.InvalidUtf8;
                return false;
            }
        }
        else text = Encoding.UTF8.GetString(rest); // no BOM: any encoding (§6.4); what is not UTF-8 becomes U+FFFD
        message = new SyslogMessage(pri >> 3, pri & 7, SyslogFormat.Rfc5424, timestamp, host, app, procId, msgId, structured, text);
        error = SyslogError.None;
        return true;
    }

    private static bool TryParse3164(int pri, ReadOnlySpan<byte> rest, DateTimeOffset receivedAt, TimeZoneInfo zone, out SyslogMessage? message, out SyslogError error)
    {
        DateTimeOffset? timestamp = null;
        string? host = null, app = null, procId = null;
        if (SyslogClock.TryReadClock(rest, receivedAt, zone, zoneNeedsColon: true, out var time, out var used) && used < rest.Length && rest[used] == ' ')
        {
            timestamp = time;
            rest = rest[(used + 1)..].TrimStart((byte)' ');
            var word = rest.IndexOf((byte)' ');
            if (word > 0 && IsHostName(rest[..word]))
            {
                host = Encoding.ASCII.GetString(rest[..word]);
                rest = rest[(word + 1)..];
            }
            ReadTag(ref rest, out app, out procId);
        }
        message = new SyslogMessage(pri >> 3, pri & 7, SyslogFormat.Rfc3164, timestamp, host, app, procId, null, [], Encoding.UTF8.GetString(rest));
        error = SyslogError.None;
        return true;
    }

    /// <summary>"app[pid]: " or "app: " (at most 48 characters of name); anything else stays message.</summary>
    private static void ReadTag(ref ReadOnlySpan<byte> rest, out string? app, out string? procId)
    {
        (app, procId) = (null, null);
        var i = 0;
        while (i < rest.Length && i < 48 && IsTagChar(rest[i])) i++;
        if (i == 0 || i >= rest.Length) return;
        var nameEnd = i;
        int pidStart = -1, pidEnd = -1;
        if (rest[i] == '[')
        {
            pidStart = ++i;
            while (i < rest.Length && i - pidStart < 128 && rest[i] is > 32 and < 127 and not (byte)']') i++;
            if (i >= rest.Length || rest[i] != ']') return;
            pidEnd = i++;
        }
        if (i >= rest.Length || rest[i] != ':') return;
        app = Encoding.ASCII.GetString(rest[..nameEnd]);
        if (pidStart >= 0) procId = Encoding.ASCII.GetString(rest[pidStart..pidEnd]);
        rest = rest[(i + 1)..];
        if (!rest.IsEmpty && rest[0] == ' ') rest = rest[1..];
    }

    private static bool IsTagChar(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
        or (byte)'_' or (byte)'-' or (byte)'.' or (byte)'/';

    /// <summary>A word that names a host: letters, digits, '.', '-', '_' (and ':' inside an IPv6 address), not ending in ':'.</summary>
    private static bool IsHostName(ReadOnlySpan<byte> word)
    {
        if (word.Length > 255 || word[^1] == ':' || word[0] is (byte)'%' or (byte)'-' or (byte)'.') return false;
        foreach (var c in word)
            if (c is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'_' or (byte)':'))
                return false;
        return true;
    }

    private static bool Space(ref ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty || rest[0] != ' ') return false;
        rest = rest[1..];
        return true;
    }

    /// <summary>A header field: NILVALUE ("-", null) or 1 to <paramref name="max"/> printable ASCII characters.</summary>
    private static bool Field(ref ReadOnlySpan<byte> rest, int max, out string? value)
    {
        value = null;
        var end = rest.IndexOf((byte)' ');
        if (end < 0) end = rest.Length;
        if (end == 0 || end > max) return false;
        var field = rest[..end];
        if (field.IndexOfAnyExceptInRange((byte)33, (byte)126) >= 0) return false;
        if (!(field.Length == 1 && field[0] == '-')) value = Encoding.ASCII.GetString(field);
        rest = rest[end..];
        return true;
    }
}
