using System.Text;
using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Protocols.Tests.Syslog;

public sealed class SyslogParserTests
{
    internal static readonly DateTimeOffset Received = new(2026, 3, 1, 10, 0, 5, TimeSpan.Zero);
    internal static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static SyslogMessage Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static SyslogMessage Parse(byte[] bytes)
    {
        Assert.True(SyslogParser.TryParse(bytes, Received, Utc, out var message, out var error), error.ToString());
        return message!;
    }

    private static SyslogError Refused(byte[] bytes)
    {
        Assert.False(SyslogParser.TryParse(bytes, Received, Utc, out _, out var error));
        return error;
    }

    [Fact]
    public void Rfc5424_examples_of_the_rfc_read_field_by_field()
    {
        // RFC 5424 §6.5, examples 1 and 3 (the BOM spelt as bytes).
        var one = Parse([.. "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "u8, 0xEF, 0xBB, 0xBF, .. "'su root' failed for lonvick on /dev/pts/8"u8]);
        Assert.Equal((4, 2, SyslogFormat.Rfc5424), (one.Facility, one.Severity, one.Format));
        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), one.Timestamp);
        Assert.Equal(("mymachine.example.com", "su", (string?)null, "ID47"), (one.HostName, one.AppName, one.ProcId, one.MsgId));
        Assert.Empty(one.StructuredData);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", one.Message);

        var three = Parse("<165>1 2003-10-11T22:14:15.003000-07:00 mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] An application event");
        Assert.Equal((20, 5), (three.Facility, three.Severity));
        Assert.Equal(new DateTimeOffset(2003, 10, 12, 5, 14, 15, 3, TimeSpan.Zero), three.Timestamp!.Value.ToUniversalTime());
        Assert.Equal(["exampleSDID@32473", "examplePriority@32473"], three.StructuredData.Select(e => e.Id));
        Assert.Equal(["iut=3", "eventSource=Application", "eventID=1011"], three.StructuredData[0].Params.Select(p => $"{p.Name}={p.Value}"));
        Assert.Equal("An application event", three.Message);
    }

    [Fact]
    public void Rfc5424_nil_values_escapes_and_an_empty_message()
    {
        var nil = Parse("<0>1 - - - - - -");
        Assert.Equal((0, 0, (DateTimeOffset?)null), (nil.Facility, nil.Severity, nil.Timestamp));
        Assert.Equal(((string?)null, (string?)null, (string?)null, (string?)null, ""), (nil.HostName, nil.AppName, nil.ProcId, nil.MsgId, nil.Message));

        var escaped = Parse(@"<13>1 2026-03-01T10:00:00+01:00 h a 77 m [x@1 q=""a\""b\\c\]d\e""] m");
        Assert.Equal(@"a""b\c]d\e", escaped.StructuredData[0].Params[0].Value);
        Assert.Equal("77", escaped.ProcId);
    }

    [Theory]
    [InlineData("<13>1 2026-03-01 10:00:00Z h a - - - m")]        // not RFC 3339
    [InlineData("<13>1 2026-02-30T10:00:00Z h a - - - m")]        // no such day
    [InlineData("<13>1 2026-03-01T10:00:00Z h  a - - - m")]       // two spaces
    [InlineData("<13>1 2026-03-01T10:00:00Z h a - - [x")]         // unfinished structured data
    [InlineData("<13>1 2026-03-01T10:00:00Z h a - - [x y=\"1]")]  // unfinished value
    [InlineData("<13>1 2026-03-01T10:00:00Z h a - - [] m")]       // empty SD-ID
    [InlineData("<13>1 2026-03-01T10:00:00Z h a - ThisMessageIdIsLongerThan32CharsX - m")]
    [InlineData("<13>1 2026-03-01T10:00:00Z h a - -")]            // no structured data
    public void Rfc5424_headers_that_break_the_grammar_are_malformed(string text) =>
        Assert.Equal(SyslogError.Malformed, Refused(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("no pri at all", SyslogError.MissingPri)]
    [InlineData("<>1 - - - - - -", SyslogError.MissingPri)]
    [InlineData("<192>1 - - - - - -", SyslogError.InvalidPri)]
    [InlineData("<999>x", SyslogError.InvalidPri)]
    [InlineData("<1234>x", SyslogError.InvalidPri)]
    [InlineData("<13", SyslogError.InvalidPri)]
    [InlineData("\r\n", SyslogError.Empty)]
    public void A_missing_or_invalid_pri_is_refused_with_its_reason(string text, SyslogError expected) =>
        Assert.Equal(expected, Refused(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_after_a_bom_and_replaced_without_one()
    {
        Assert.Equal(SyslogError.InvalidUtf8, Refused([.. "<13>1 - h a - - - "u8, 0xEF, 0xBB, 0xBF, 0xC3, 0x28]));
        Assert.Equal("bad \uFFFD(", Parse([.. "<13>1 - h a - - - bad "u8, 0xC3, 0x28]).Message);
        Assert.Equal("caf\uFFFD", Parse([.. "<13>Mar  1 10:00:00 h a: caf"u8, 0xE9]).Message);
    }

    [Fact]
    public void Lines_longer_than_the_limit_are_refused()
    {
        var line = Encoding.ASCII.GetBytes("<13>Mar  1 10:00:00 h a: " + new string('x', 64 * 1024));
        Assert.Equal(SyslogError.TooLong, Refused(line));
    }

    [Fact]
    public void Rfc3164_takes_the_receivers_year_and_zone_and_reads_host_and_tag()
    {
        var bsd = Parse("<35>Feb 28 23:59:58 edge-1 sshd[4242]: Failed password for root from 10.1.1.1 port 22 ssh2\n");
        Assert.Equal((4, 3, SyslogFormat.Rfc3164), (bsd.Facility, bsd.Severity, bsd.Format));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 59, 58, TimeSpan.Zero), bsd.Timestamp);
        Assert.Equal(("edge-1", "sshd", "4242"), (bsd.HostName, bsd.AppName, bsd.ProcId));
        Assert.Equal("Failed password for root from 10.1.1.1 port 22 ssh2", bsd.Message);

        var noHost = Parse("<13>Mar  1 09:00:00 kernel: eth0 link down");
        Assert.Equal(((string?)null, "kernel", "eth0 link down"), (noHost.HostName, noHost.AppName, noHost.Message));
    }

    [Fact]
    public void Rfc3164_dates_in_the_future_belong_to_the_year_before_and_local_time_is_the_receivers_zone()
    {
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero), Parse("<13>Dec 31 23:59:59 h a: m").Timestamp);
        Assert.Equal(2026, Parse("<13>Mar  2 09:00:00 h a: tomorrow, within a day of clock skew").Timestamp!.Value.Year);

        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.True(SyslogParser.TryParse("<13>Mar  1 11:00:00 h a: m"u8, Received, berlin, out var winter, out _));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), winter!.Timestamp);
        Assert.True(SyslogParser.TryParse("<13>Jul  1 12:00:00 h a: m"u8, Received, berlin, out var summer, out _));
        Assert.Equal(TimeSpan.FromHours(2), summer!.Timestamp!.Value.Offset);
        Assert.Equal(2025, summer.Timestamp.Value.Year);
    }

    [Fact]
    public void Rfc3164_without_a_time_keeps_everything_after_the_pri_as_the_message()
    {
        var cisco = Parse("<189>123: *Mar  1 00:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down");
        Assert.Equal((23, 5, (DateTimeOffset?)null, (string?)null), (cisco.Facility, cisco.Severity, cisco.Timestamp, cisco.HostName));
        Assert.StartsWith("123: *Mar", cisco.Message);

        var forti = Parse("<189>date=2026-03-01 time=10:00:00 devname=\"FG100\" logid=\"0100032002\" level=\"alert\"");
        Assert.StartsWith("date=2026-03-01", forti.Message);
    }

    [Fact]
    public void Rfc3164_times_with_year_fraction_and_zone_are_read_in_the_header()
    {
        var nxos = Parse("<189>2026 Mar  1 09:59:00 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 59, 0, TimeSpan.Zero), nxos.Timestamp);
        Assert.StartsWith("%ETHPORT", nxos.Message);

        var iso = Parse("<13>2026-03-01T09:00:00.5+01:00 host app[1]: m");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, 500, TimeSpan.Zero), iso.Timestamp!.Value.ToUniversalTime());
        Assert.Equal(("host", "app", "1"), (iso.HostName, iso.AppName, iso.ProcId));
    }

    [Fact]
    public void Every_truncated_prefix_of_valid_messages_parses_or_is_refused_without_throwing()
    {
        foreach (var valid in SyslogVectors.All)
        {
            for (var length = 0; length <= valid.Length; length++)
            {
                var parsed = SyslogParser.TryParse(valid.AsSpan(0, length), Received, Utc, out var message, out var error);
                Assert.Equal(parsed, error == SyslogError.None);
                Assert.Equal(parsed, message is not null);
            }
        }
    }
}
