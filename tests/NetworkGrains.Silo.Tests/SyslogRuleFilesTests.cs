using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkGrains.Protocols.Syslog;
using NetworkGrains.Silo.Syslog;

namespace NetworkGrains.Silo.Tests;

/// <summary>The shipped vendor rules (config/syslog) on the lines those devices send, and a bad file named with its field and reason.</summary>
public sealed class SyslogRuleFilesTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 1, 10, 0, 5, TimeSpan.Zero);
    private static readonly Lazy<SyslogRules> Shipped = new(() => SyslogRuleFiles.Load(Path.Combine(AppContext.BaseDirectory, "syslog"), NullLogger.Instance));

    private static SyslogReading Read(string line)
    {
        Assert.True(SyslogParser.TryParse(Encoding.UTF8.GetBytes(line), Received, TimeZoneInfo.Utc, out var message, out var error), error.ToString());
        return Shipped.Value.Read(message!, Received, TimeZoneInfo.Utc);
    }

    public static TheoryData<string, string?, string?, string?, int, string?, string?, string?> Lines => new()
    {
        // line, vendor, vendor facility, mnemonic, severity, event, subject, protocol
        { "<189>123: *Mar  1 09:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down", "cisco", "LINEPROTO", "UPDOWN", 5, "interface_down", "GigabitEthernet0/1", null },
        { "<187>45: router1: 000123: .Mar  1 09:01:02: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up", "cisco", "LINK", "UPDOWN", 3, "interface_up", "GigabitEthernet0/1", null },
        { "<189>Mar  1 09:01:02 router1 %BGP-5-ADJCHANGE: neighbor 10.0.0.2 Down BGP Notification sent", "cisco", "BGP", "ADJCHANGE", 5, "adjacency_down", "10.0.0.2", "bgp" },
        { "<189>46: *Mar  1 09:01:02.001: %BGP-5-ADJCHANGE: neighbor 10.0.0.2 Up", "cisco", "BGP", "ADJCHANGE", 5, "adjacency_up", "10.0.0.2", "bgp" },
        { "<189>47: Mar  1 09:01:02.001 CET: %OSPF-5-ADJCHG: Process 1, Nbr 2.2.2.2 on GigabitEthernet0/1 from FULL to DOWN, Neighbor Down: Dead timer expired", "cisco", "OSPF", "ADJCHG", 5, "adjacency_down", "2.2.2.2", "ospf" },
        { "<189>48: Mar  1 09:01:02: %CLNS-5-ADJCHANGE: ISIS: Adjacency to R2 (GigabitEthernet0/1) Up, new adjacency", "cisco", "CLNS", "ADJCHANGE", 5, "adjacency_up", "R2", "isis" },
        { "<189>49: Mar  1 09:01:02: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)", "cisco", "SYS", "CONFIG_I", 5, "config_change", "admin", null },
        { "<188>50: Mar  1 09:01:02: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: bob] [Source: 10.0.0.9] [localport: 22] [Reason: Login Authentication Failed] at 09:01:02 UTC Sun Mar 1 2026", "cisco", "SEC_LOGIN", "LOGIN_FAILED", 4, "authentication_failure", "bob", null },
        { "<186>51: Mar  1 09:01:02: %ENVMON-2-FAN_FAILED: Fan 2 had a rotation error reported.", "cisco", "ENVMON", "FAN_FAILED", 2, "environment_alarm", null, null },
        { "<189>: 2026 Mar  1 09:59:00 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)", "cisco", "ETHPORT", "IF_DOWN_LINK_FAILURE", 5, "interface_down", "Ethernet1/1", null },
        { "<189>2026 Mar  1 09:59:00 UTC: %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.5@pts/0", "cisco", "VSHD", "VSHD_SYSLOG_CONFIG_I", 5, "config_change", "admin", null },
        { "<190>RP/0/RP0/CPU0:Mar  1 09:01:02.123 UTC: ipv4_acl_mgr[310]: %ACL-IPV4_ACL-6-IPACCESSLOGP : access-list EDGE (10) deny tcp 10.1.1.1(1234) -> 10.2.2.2(22), 1 packet", "cisco", "ACL-IPV4_ACL", "IPACCESSLOGP", 6, null, null, null },
        { "<189>Mar  1 09:01:02 sw1 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface Ethernet1, changed state to down", "arista", "LINEPROTO", "UPDOWN", 5, "interface_down", "Ethernet1", null },
        { "<189>Mar  1 09:01:02 sw1 Bgp: %BGP-5-ADJCHANGE: peer 10.0.0.2 (VRF default AS 65002) old state Established event Stop new state Idle", "arista", "BGP", "ADJCHANGE", 5, "adjacency_down", "10.0.0.2", "bgp" },
        { "<28>Mar  1 09:01:02 r1 rpd[1234]: BGP_NEIGHBOR_STATE_CHANGED: BGP peer 10.0.0.2 (External AS 65002) changed state from Established to Idle (event RecvNotify)", "juniper", null, "BGP_NEIGHBOR_STATE_CHANGED", 4, "adjacency_down", "10.0.0.2", "bgp" },
        { "<28>Mar  1 09:01:02 r1 mib2d[1234]: SNMP_TRAP_LINK_DOWN: ifIndex 512, ifAdminStatus up(1), ifOperStatus down(2), ifName ge-0/0/0", "juniper", null, "SNMP_TRAP_LINK_DOWN", 4, "interface_down", "512", null },
        { "<29>Mar  1 09:01:02 r1 mgd[99]: UI_COMMIT: User 'alice' requested 'commit' operation (comment: none)", "juniper", null, "UI_COMMIT", 5, "config_change", "alice", null },
        { "<28>Mar  1 09:01:02 r1 rpd[1234]: RPD_OSPF_NBRDOWN: OSPF neighbor 10.0.0.2 (realm ospf-v2 ge-0/0/0.0 area 0.0.0.0) state changed from Full to Down due to InActiveTimer", "juniper", null, "RPD_OSPF_NBRDOWN", 4, "adjacency_down", "10.0.0.2", "ospf" },
        { "<14>Mar  1 09:01:02 PA-VM 1,2026/03/01 09:01:02,012345678901,SYSTEM,auth,0,2026/03/01 09:01:02,,auth-fail,,0,0,general,medium,\"failed authentication for user 'admin'. Reason: Invalid username/password. From: 10.0.0.9.\",1,0x0,0,0,0,0,,PA-VM", "paloalto", "auth", "auth-fail", 6, "authentication_failure", "admin", null },
        { "<14>Mar  1 09:01:02 PA-VM 1,2026/03/01 09:01:02,012345678901,CONFIG,0,0,2026/03/01 09:01:02,10.0.0.5,,set,admin,Web,Succeeded, deviceconfig system,1,0x0,0,0,0,0,,PA-VM", "paloalto", "CONFIG", "set", 6, "config_change", "admin", null },
        { "<189>date=2026-03-01 time=09:01:02 devname=\"FG100\" devid=\"FGT60E\" logid=\"0100032002\" type=\"event\" subtype=\"system\" level=\"alert\" vd=\"root\" logdesc=\"Admin login failed\" sn=\"0\" user=\"admin\" ui=\"ssh(10.0.0.9)\" action=\"login\" status=\"failed\"", "fortinet", "event", "0100032002", 1, "authentication_failure", "admin", null },
        { "<189>date=2026-03-01 time=09:01:02 devname=FG100 devid=FGT60E logid=\"0100044546\" type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\" logdesc=\"Attribute configured\" user=\"admin\" ui=\"GUI(10.0.0.5)\" action=\"Edit\" cfgpath=\"system.interface\"", "fortinet", "event", "0100044546", 6, "config_change", "admin", null },
        { "<38>Mar  1 09:01:02 host1 sshd[4242]: Failed password for invalid user guest from 10.1.1.1 port 22 ssh2", null, null, null, 6, "authentication_failure", "guest", null },
        { "<6>Mar  1 09:01:02 host1 kernel: [123.456] e1000e 0000:00:19.0 eth0: NIC Link is Down", null, null, null, 6, "interface_down", "eth0", null },
        { "<27>Mar  1 09:01:02 frr1 bgpd[77]: %ADJCHANGE: neighbor 10.0.0.2(Unknown) in vrf default Down Peer closed the session", null, null, null, 3, "adjacency_down", "10.0.0.2", "bgp" },
        { "<13>Mar  1 09:01:02 host1 app: nothing to see", null, null, null, 5, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Shipped_rules_read_what_each_vendor_sends(string line, string? vendor, string? facility, string? mnemonic, int severity, string? kind, string? subject, string? protocol)
    {
        var reading = Read(line);
        Assert.Equal((vendor, facility, mnemonic, severity), (reading.Vendor, reading.VendorFacility, reading.Mnemonic, reading.Message.Severity));
        Assert.Equal((kind, subject, protocol), (reading.EventKind, reading.Subject, reading.Protocol));
    }

    [Fact]
    public void Cisco_clocks_fortigate_dates_and_hostnames_come_from_the_message()
    {
        var cisco = Read("<189>123: router1: *Mar  1 09:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/1, changed state to down");
        Assert.Equal((new DateTimeOffset(2026, 3, 1, 9, 1, 2, 345, TimeSpan.Zero), "router1"), (cisco.Message.Timestamp!.Value, cisco.Message.HostName));
        Assert.Equal("Line protocol on Interface Gi0/1, changed state to down", cisco.Message.Message);
        var cet = Read("<189>47: Mar  1 10:01:02 CET: %SYS-5-RESTART: System restarted");
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 1, 2, TimeSpan.Zero), cet.Message.Timestamp!.Value.ToUniversalTime());
        var forti = Read("<189>date=2026-02-28 time=23:59:58 devname=\"FG100\" logid=\"0100032001\" type=\"event\" level=\"notice\" logdesc=\"Admin login successful\"");
        Assert.Equal((new DateTimeOffset(2026, 2, 28, 23, 59, 58, TimeSpan.Zero), "FG100"), (forti.Message.Timestamp!.Value, forti.Message.HostName));
    }

    [Theory]
    [InlineData("vendor: x\nformats:\n  - match: '%{NOPE:message}'\n", "formats[0].match", "unknown pattern")]
    [InlineData("vendor: x\nformats:\n  - matc: 'x'\n", "$.formats[0].matc", "")]
    [InlineData("vendor: x\nevents:\n  - kind: meltdown\n    match: 'x'\n", "events[0].kind", "one of")]
    [InlineData("vendor: [x\n", "$", "")]
    public void A_bad_file_is_refused_with_the_field_and_the_reason(string yaml, string field, string reason)
    {
        Assert.False(SyslogRuleFiles.TryLoad(yaml, out _, out var refusedField, out var why));
        Assert.Equal(field, refusedField);
        Assert.Contains(reason, why);
    }
}
