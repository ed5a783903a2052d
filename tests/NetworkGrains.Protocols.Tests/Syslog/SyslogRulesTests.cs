using NetworkGrains.Protocols.Syslog;

namespace NetworkGrains.Protocols.Tests.Syslog;

public sealed class SyslogRulesTests
{
    private static SyslogRules Cisco() => SyslogRules.Compile(new SyslogRuleFile
    {
        Vendor = "cisco",
        Patterns = new() { ["CISCO_FACILITY"] = "[A-Z0-9_]+" },
        Formats =
        [
            new() { Match = @"^(?:%{INT:sequence}: )*%{SYSLOGCLOCK:timestamp}: %%{CISCO_FACILITY:vendorFacility}-%{INT:vendorSeverity}-%{WORD:mnemonic}: %{GREEDYDATA:message}" },
        ],
        Events =
        [
            new() { Kind = "interface_down", VendorFacilities = ["LINEPROTO", "LINK"], Mnemonics = ["UPDOWN"], Match = @"Interface %{NOTSPACE:subject}, changed state to (?:down|administratively down)" },
            new() { Kind = "adjacency_down", Protocol = "bgp", VendorFacilities = ["BGP"], Mnemonics = ["ADJCHANGE"], Match = @"neighbor %{IP:subject} Down" },
        ],
    });

    private static SyslogMessage Message(string text) =>
        new(23, 7, SyslogFormat.Rfc3164, null, null, null, null, null, [], text);

    [Fact]
    public void A_format_reads_vendor_fields_and_its_clock_and_an_event_types_the_message()
    {
        var reading = Cisco().Read(Message("123: 000045: *Mar  1 09:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/1, changed state to down"),
            SyslogParserTests.Received, SyslogParserTests.Utc);
        Assert.Equal(("cisco", "LINEPROTO", "UPDOWN", 5), (reading.Vendor, reading.VendorFacility, reading.Mnemonic, reading.Message.Severity));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 1, 2, 345, TimeSpan.Zero), reading.Message.Timestamp);
        Assert.Equal("Line protocol on Interface Gi0/1, changed state to down", reading.Message.Message);
        Assert.Equal(("interface_down", "Gi0/1"), (reading.EventKind, reading.Subject));

        var bgp = Cisco().Read(Message(".Mar  1 09:01:02: %BGP-5-ADJCHANGE: neighbor 10.0.0.2 Down BGP Notification sent"), SyslogParserTests.Received, SyslogParserTests.Utc);
        Assert.Equal(("adjacency_down", "bgp", "10.0.0.2"), (bgp.EventKind, bgp.Protocol, bgp.Subject));

        var plain = Cisco().Read(Message("nothing vendor here"), SyslogParserTests.Received, SyslogParserTests.Utc);
        Assert.Equal(((string?)null, (string?)null, (string?)null, 7), (plain.Vendor, plain.Mnemonic, plain.EventKind, plain.Message.Severity));
    }

    [Theory]
    [InlineData("formats[0].match", "%{NOPE:message}")]
    [InlineData("formats[0].match", "%{WORD:colour}")]
    [InlineData("formats[0].match", "(?<message>unclosed")]
    [InlineData("formats[0].match", "%{LOOP:message}")]
    [InlineData("formats[0].match", "no capture")]
    public void A_bad_format_is_named_with_its_field_and_reason(string field, string match)
    {
        var file = new SyslogRuleFile { Patterns = new() { ["LOOP"] = "a%{LOOP}" }, Formats = [new() { Match = match }] };
        var error = Assert.Throws<SyslogRuleException>(() => SyslogRules.Compile(file));
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Fact]
    public void Bad_events_are_named_with_their_field()
    {
        Assert.Equal("events[0].kind", Assert.Throws<SyslogRuleException>(() => SyslogRules.Compile(new SyslogRuleFile { Events = [new() { Kind = "meltdown", Match = "x" }] })).Field);
        Assert.Equal("events[0].protocol", Assert.Throws<SyslogRuleException>(() => SyslogRules.Compile(new SyslogRuleFile { Events = [new() { Kind = "adjacency_up", Match = "x" }] })).Field);
        Assert.Equal("events[0]", Assert.Throws<SyslogRuleException>(() => SyslogRules.Compile(new SyslogRuleFile { Events = [new() { Kind = "config_change" }] })).Field);
    }
}
