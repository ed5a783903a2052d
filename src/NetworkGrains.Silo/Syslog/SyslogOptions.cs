namespace NetworkGrains.Silo.Syslog;

/// <summary>Configuration section "Syslog": the listeners, the vendor rules, the time zone of zoneless times, retention.</summary>
public sealed class SyslogOptions
{
    public const string Section = "Syslog";

    public bool Enabled { get; set; } = true;
    public int UdpPort { get; set; } = 1514;

    /// <summary>Octet counting and newline framing (RFC 6587); 0 turns the TCP listener off.</summary>
    public int TcpPort { get; set; } = 1514;

    /// <summary>RFC 5425 with the cluster certificate (NetworkGrains:TlsCertificateFile); off without one, or with 0.</summary>
    public int TlsPort { get; set; } = 6514;

    public int ReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;
    public int MaxTcpConnections { get; set; } = 20_000;

    /// <summary>A TCP connection that sends nothing for this long is closed (its unfinished frame counted as a drop).</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Vendor rule files (*.yaml): default the "syslog" folder beside the silo (config/syslog).</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>The zone of times that carry none (RFC 3164): an IANA id; default the silo's local zone, as rsyslog does.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Postgres profile: messages older than this are deleted, once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public TimeZoneInfo Zone => TimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Local;
}
