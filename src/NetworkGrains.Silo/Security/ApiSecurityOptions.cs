namespace NetworkGrains.Silo.Security;

/// <summary>Configuration section "Api:Security".</summary>
public sealed class ApiSecurityOptions
{
    public const string Section = "Api:Security";

    /// <summary>Every endpoint but /health needs an API key; null means on in the Postgres profile (keys live there), off in the default one.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Requests a second each caller (API key, or address when anonymous) may make on average.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>How many requests a caller may make at once above that rate.</summary>
    public int Burst { get; set; } = 1000;
}
