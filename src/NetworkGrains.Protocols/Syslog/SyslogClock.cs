using System.Text;

namespace NetworkGrains.Protocols.Syslog;

/// <summary>
/// Syslog times: RFC 5424's (RFC 3339, <see cref="TryReadRfc3339"/>) and the many of RFC 3164 and devices
/// (<see cref="TryReadClock"/>). A time without a year takes the receiver's, or the year before when that would put it
/// more than a day after the message was received; a time without a zone is in <c>zone</c> (the receiver's): as rsyslog does.
/// </summary>
public static class SyslogClock
{
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Zone abbreviations devices print (Cisco's `service timestamps ... show-timezone`); others mean the receiver's zone.</summary>
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.Ordinal)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["WEST"] = 60, ["CET"] = 60, ["CEST"] = 120, ["MET"] = 60, ["MEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420,
        ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["JST"] = 540, ["KST"] = 540,
        ["SGT"] = 480, ["HKT"] = 480, ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    /// <summary>"2026-03-01T10:00:00.123456+01:00" or "...Z" (RFC 5424 §6.2.3: at most 6 fraction digits; up to 9 are taken).</summary>
    public static bool TryReadRfc3339(ReadOnlySpan<byte> text, out DateTimeOffset time, out int consumed)
    {
        (time, consumed) = (default, 0);
        var i = 0;
        if (!Digits(text, ref i, 4, out var year) || !Literal(text, ref i, '-') || !Digits(text, ref i, 2, out var month) || !Literal(text, ref i, '-')
            || !Digits(text, ref i, 2, out var day) || !(Literal(text, ref i, 'T') || Literal(text, ref i, 't'))
            || !ReadTime(text, ref i, out var hour, out var minute, out var second, out var ticks)) return false;
        int? offset = null;
        if (Literal(text, ref i, 'Z') || Literal(text, ref i, 'z')) offset = 0;
        else if (!TryReadNumericZone(text, ref i, out var minutes)) return false;
        else offset = minutes;
        if (!TryMake(year, month, day, hour, minute, second, ticks, TimeSpan.FromMinutes(offset.Value), out time)) return false;
        consumed = i;
        return true;
    }

    /// <summary>
    /// A device clock at the start of <paramref name="text"/>: an optional "*" (not set) or "." (not authoritative)
    /// marker, then "Mmm dd hh:mm:ss" with an optional year before or after the day, fraction and zone
    /// (abbreviation or ±hh:mm), or an RFC 3339 time, or "yyyy-mm-dd hh:mm:ss"; an optional ":" after it is consumed
    /// too. <paramref name="zoneNeedsColon"/>: a zone abbreviation counts only when a ":" follows (in an RFC 3164
    /// header the word after the time is the hostname).
    /// </summary>
    public static bool TryReadClock(ReadOnlySpan<byte> text, DateTimeOffset receivedAt, TimeZoneInfo zone, bool zoneNeedsColon, out DateTimeOffset time, out int consumed)
    {
        (time, consumed) = (default, 0);
        var i = text.Length > 0 && text[0] is (byte)'*' or (byte)'.' ? 1 : 0;
        if (TryReadRfc3339(text[i..], out time, out var rfc3339))
        {
            consumed = i + rfc3339;
            Literal(text, ref consumed, ':');
            return true;
        }

        int? year = null;
        int month, day;
        if (Digits(text, ref i, 4, out var leadingYear))
        {
            if (Literal(text, ref i, '-'))
            {
                // yyyy-mm-dd hh:mm:ss (FortiGate's date= and time=, joined)
                if (!Digits(text, ref i, 2, out month) || !Literal(text, ref i, '-') || !Digits(text, ref i, 2, out day) || !Literal(text, ref i, ' ')) return false;
                year = leadingYear;
                return Finish(text, ref i, year, month, day, receivedAt, zone, zoneNeedsColon, out time, out consumed);
            }
            if (!Literal(text, ref i, ' ')) return false;
            year = leadingYear;
        }
        if (!ReadMonth(text, ref i, out month)) return false;
        if (!Spaces(text, ref i)) return false;
        if (!Digits(text, ref i, 2, out day) && !Digits(text, ref i, 1, out day)) return false;
        if (!Spaces(text, ref i)) return false;
        var afterDay = i;
        if (year is null && Digits(text, ref i, 4, out var trailingYear) && Spaces(text, ref i)) year = trailingYear;
        else i = afterDay;
        return Finish(text, ref i, year, month, day, receivedAt, zone, zoneNeedsColon, out time, out consumed);
    }

    /// <summary><see cref="TryReadClock"/> on text a vendor rule captured; false when it is not a time.</summary>
    public static bool TryParseClock(string text, DateTimeOffset receivedAt, TimeZoneInfo zone, out DateTimeOffset time)
    {
        time = default;
        if (text.Length is 0 or > 64 || !Ascii.IsValid(text)) return false;
        Span<byte> bytes = stackalloc byte[text.Length];
        Encoding.ASCII.GetBytes(text, bytes);
        return TryReadClock(bytes, receivedAt, zone, zoneNeedsColon: false, out time, out _);
    }

    private static bool Finish(ReadOnlySpan<byte> text, ref int i, int? year, int month, int day, DateTimeOffset receivedAt, TimeZoneInfo zone,
        bool zoneNeedsColon, out DateTimeOffset time, out int consumed)
    {
        (time, consumed) = (default, 0);
        if (!ReadTime(text, ref i, out var hour, out var minute, out var second, out var ticks)) return false;
        TimeSpan? offset = null;
        var beforeZone = i;
        if (Literal(text, ref i, 'Z')) offset = TimeSpan.Zero;
        else if (TryReadNumericZone(text, ref i, out var numeric)) offset = TimeSpan.FromMinutes(numeric);
        else if (Literal(text, ref i, ' ') && TryReadZoneName(text, ref i, out var named) && (!zoneNeedsColon || (i < text.Length && text[i] == ':')))
            offset = named;
        else i = beforeZone;
        Literal(text, ref i, ':');

        if (year is { } y)
        {
            if (!TryMake(y, month, day, hour, minute, second, ticks, offset ?? OffsetIn(zone, y, month, day, hour, minute), out time)) return false;
        }
        else
        {
            var local = TimeZoneInfo.ConvertTime(receivedAt, zone);
            if (!TryResolveYear(local.Year, month, day, hour, minute, second, ticks, offset, zone, receivedAt, out time)) return false;
        }
        consumed = i;
        return true;
    }

    private static bool TryResolveYear(int year, int month, int day, int hour, int minute, int second, long ticks, TimeSpan? offset, TimeZoneInfo zone,
        DateTimeOffset receivedAt, out DateTimeOffset time)
    {
        if (TryMake(year, month, day, hour, minute, second, ticks, offset ?? OffsetIn(zone, year, month, day, hour, minute), out time) && time <= receivedAt + FutureTolerance)
            return true;
        year--; // December's messages read in January, or a date that lies in the future
        return TryMake(year, month, day, hour, minute, second, ticks, offset ?? OffsetIn(zone, year, month, day, hour, minute), out time);
    }

    private static TimeSpan OffsetIn(TimeZoneInfo zone, int year, int month, int day, int hour, int minute) =>
        year is >= 1 and <= 9998 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour <= 23 && minute <= 59 ? zone.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified)) : TimeSpan.Zero;

    private static bool TryMake(int year, int month, int day, int hour, int minute, int second, long ticks, TimeSpan offset, out DateTimeOffset time)
    {
        time = default;
        if (year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60
            || offset.Duration() > TimeSpan.FromHours(14)) return false;
        // A leap second (:60) is the last moment of its minute.
        time = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset).AddTicks(second == 60 ? TimeSpan.TicksPerSecond - 1 : ticks);
        return true;
    }

    private static bool ReadTime(ReadOnlySpan<byte> text, ref int i, out int hour, out int minute, out int second, out long ticks)
    {
        (minute, second, ticks) = (0, 0, 0);
        if (!Digits(text, ref i, 2, out hour) || !Literal(text, ref i, ':') || !Digits(text, ref i, 2, out minute) || !Literal(text, ref i, ':')
            || !Digits(text, ref i, 2, out second)) return false;
        if (!Literal(text, ref i, '.') && !Literal(text, ref i, ',')) return true;
        var scale = TimeSpan.TicksPerSecond / 10;
        var digits = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
        {
            if (digits == 9) return false;
            ticks += (text[i] - '0') * scale;
            scale /= 10;
        }
        return digits > 0;
    }

    private static bool TryReadNumericZone(ReadOnlySpan<byte> text, ref int i, out int minutes)
    {
        minutes = 0;
        if (i >= text.Length || text[i] is not ((byte)'+' or (byte)'-')) return false;
        var sign = text[i] == '-' ? -1 : 1;
        var j = i + 1;
        if (!Digits(text, ref j, 2, out var hours)) return false;
        Literal(text, ref j, ':');
        if (!Digits(text, ref j, 2, out var mins) || hours > 14 || mins > 59) return false;
        minutes = sign * (hours * 60 + mins);
        i = j;
        return true;
    }

    private static bool TryReadZoneName(ReadOnlySpan<byte> text, ref int i, out TimeSpan offset)
    {
        offset = default;
        var j = i;
        while (j < text.Length && j - i < 5 && text[j] is >= (byte)'A' and <= (byte)'Z') j++;
        if (j - i < 1 || (j < text.Length && text[j] is not ((byte)' ' or (byte)':'))) return false;
        if (!ZoneMinutes.TryGetValue(Encoding.ASCII.GetString(text[i..j]), out var minutes)) return false;
        offset = TimeSpan.FromMinutes(minutes);
        i = j;
        return true;
    }

    private static bool ReadMonth(ReadOnlySpan<byte> text, ref int i, out int month)
    {
        month = 0;
        if (text.Length - i < 3) return false;
        for (var m = 0; m < Months.Length; m++)
        {
            var name = Months[m];
            if ((text[i] | 0x20) == (name[0] | 0x20) && (text[i + 1] | 0x20) == name[1] && (text[i + 2] | 0x20) == name[2])
            {
                month = m + 1;
                i += 3;
                return true;
            }
        }
        return false;
    }

    private static bool Spaces(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] == ' ' && i - start < 2) i++;
        return i > start;
    }

    private static bool Digits(ReadOnlySpan<byte> text, ref int i, int count, out int value)
    {
        value = 0;
        if (text.Length - i < count) return false;
        for (var k = 0; k < count; k++)
        {
            var c = text[i + k];
            if (c is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (c - '0');
        }
        i += count;
        return true;
    }

    private static bool Literal(ReadOnlySpan<byte> text, ref int i, char c)
    {
        if (i >= text.Length || text[i] != c) return false;
        i++;
        return true;
    }
}
