using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Silo.Syslog;

/// <summary>Configuration section "Syslog": the listeners, the vendor rules, the time zone of zoneless times, retention.</summary>
public sealed class SyslogOptions : IValidatableObject
{
    public const string Section = "Syslog";

    public bool Enabled { get; set; } = true;
    [Range(1, 65_535)]
    public int UdpPort { get; set; } = 1514;

    /// <summary>Octet counting and newline framing (RFC 6587); 0 turns the TCP listener off.</summary>
    [Range(0, 65_535)]
    public int TcpPort { get; set; } = 1514;

    /// <summary>RFC 5425 with the cluster certificate (NetworkGrains:TlsCertificateFile); off without one, or with 0.</summary>
    [Range(0, 65_535)]
    public int TlsPort { get; set; } = 6514;

    [Range(0, 1 << 30)]
    public int ReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;
    [Range(1, 1_000_000)]
    public int MaxTcpConnections { get; set; } = 20_000;

    /// <summary>A TCP connection that sends nothing for this long is closed (its unfinished frame counted as a drop).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Vendor rule files (*.yaml): default the "syslog" folder beside the silo (config/syslog).</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>The zone of times that carry none (RFC 3164): an IANA id; default the silo's local zone, as rsyslog does.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Postgres profile: messages older than this are deleted, once a day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    public TimeZoneInfo Zone => TimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Local;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeZone is { Length: > 0 } id && !TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            yield return new ValidationResult($"'{id}' is not a time zone this machine knows (an IANA id such as Europe/Berlin)", [nameof(TimeZone)]);
    }
}
