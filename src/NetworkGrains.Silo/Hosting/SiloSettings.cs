using NetworkGrains.Abstractions.Security;
using System.Net;

namespace NetworkGrains.Silo.Hosting;

public enum SiloProfile
{
    /// <summary>No set-up: localhost clustering, state, reminders and streams in memory. Not durable.</summary>
    Default,
    /// <summary>ADO.NET clustering, persistence and reminders on PostgreSQL, plus the project's own tables.</summary>
    Postgres,
}

/// <summary>Configuration section "NetworkGrains": the profile, the ports and where they listen.</summary>
public sealed class SiloSettings
{
    public const string Section = "NetworkGrains";

    public SiloProfile Profile { get; set; } = SiloProfile.Default;
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The address other silos and clients use to reach this one. Needed when binding to 0.0.0.0 in the Postgres
    /// profile with several silos; otherwise Orleans picks this host's first non-loopback address.
    /// </summary>
    public string? AdvertisedAddress { get; set; }
    public int HttpPort { get; set; } = 8080;
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "networkgrains";
    public string ServiceId { get; set; } = "networkgrains";

    /// <summary>"text" (default) or "json" (compact JSON lines) for the console log.</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Serve the Orleans Dashboard at /dashboard.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Apply the PostgreSQL migrations before the silo starts (Postgres profile).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>TLS for the web host (HTTPS on HttpPort) and for silo-to-silo and client-to-gateway traffic: the cluster certificate's PEM file.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The private key of <see cref="TlsCertificateFile"/> (PEM). A secret: keep the file readable by the silo only.</summary>
    public string? TlsKeyFile { get; set; }

    private ClusterCertificate? _tls;

    /// <summary>The cluster certificate when TLS is configured (loaded once), else null.</summary>
    public ClusterCertificate? Tls => _tls ??= TlsCertificateFile is { Length: > 0 } certificate
        ? ClusterCertificate.Load(certificate, TlsKeyFile ?? throw new InvalidOperationException("NetworkGrains:TlsKeyFile is needed with TlsCertificateFile"))
        : null;

    /// <summary>How long a grain call may wait for its response (Orleans' default is 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// PostgreSQL connections a silo keeps at most per pool (Postgres profile). A silo has two pools: Orleans' providers
    /// share one, the silo's own stores use the other; so N silos open up to N x 2 x this, which must stay below the
    /// server's max_connections. Npgsql's own default (100) let three silos exhaust a server of 200. A
    /// "Maximum Pool Size" in the connection string wins.
    /// </summary>
    public int PostgresPoolSize { get; set; } = 20;

    public IPAddress Address => IPAddress.Parse(BindAddress);

    private bool BindsEverywhere => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);

    /// <summary>What the silo tells the cluster; null lets Orleans choose (Postgres profile bound everywhere).</summary>
    public IPAddress? Advertised => AdvertisedAddress is { } advertised
        ? IPAddress.Parse(advertised)
        : BindsEverywhere ? (Profile == SiloProfile.Default ? IPAddress.Loopback : null) : Address;

    public static SiloSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<SiloSettings>() ?? new SiloSettings();
        if (!IPAddress.TryParse(settings.BindAddress, out _))
            throw new InvalidOperationException($"{Section}:BindAddress '{settings.BindAddress}' is not an IP address.");
        if (settings.AdvertisedAddress is { } advertised && !IPAddress.TryParse(advertised, out _))
            throw new InvalidOperationException($"{Section}:AdvertisedAddress '{advertised}' is not an IP address.");
        if (settings.PostgresPoolSize is < 1 or > 1000)
            throw new InvalidOperationException($"{Section}:PostgresPoolSize must be between 1 and 1000 (it is {settings.PostgresPoolSize}).");
        return settings;
    }

    /// <summary>ConnectionStrings:Postgres with the pool bounded by <see cref="PostgresPoolSize"/> unless it sets a bound itself.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Postgres") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("The Postgres profile needs ConnectionStrings:Postgres (env ConnectionStrings__Postgres).");
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (PoolSizeKeywords.Any(keys.ContainsKey)) return configured;
        return new Npgsql.NpgsqlConnectionStringBuilder(configured) { MaxPoolSize = From(configuration).PostgresPoolSize }.ConnectionString;
    }

    /// <summary>Npgsql's spellings of the pool bound (keywords are case-insensitive).</summary>
    private static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];
}
