using System.Text;

namespace NetworkGrains.Protocols.Tests.Syslog;

/// <summary>Valid messages of every kind the receiver meets: the seeds of the fuzz tests and of the truncation tests.</summary>
public static class SyslogVectors
{
    public static readonly byte[][] All = new[]
    {
        "<165>1 2003-10-11T22:14:15.003000-07:00 mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] An application event",
        "<164>1 2026-12-07T09:26:24.076008+00:00 vm sshd - AUTH [timeQuality tzKnown=\"1\" isSynced=\"0\"][origin@32473 ip=\"10.0.0.1\"] text",
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \xEF\xBB\xBF'su root' failed",
        "<35>Dec  7 09:26:24 vm su: bsd text",
        "<189>123: *Mar  1 00:01:02.345 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/1, changed state to down",
        "<189>2026 Mar  1 09:59:00 UTC: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/1 is down (Link failure)",
        "<28>Mar  1 10:00:00 r1 rpd[1234]: BGP_NEIGHBOR_STATE_CHANGED: BGP peer 10.0.0.2 (External AS 65002) changed state from Established to Idle (event RecvNotify)",
        "<189>date=2026-03-01 time=10:00:00 devname=\"FG100\" logid=\"0100032002\" type=\"event\" level=\"alert\" logdesc=\"Admin login failed\" user=\"admin\"",
    }.Select(Encoding.Latin1.GetBytes).ToArray();
}
