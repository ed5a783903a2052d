using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Silo.Security;

/// <summary>Configuration section "Api:Security".</summary>
public sealed class ApiSecurityOptions
{
    public const string Section = "Api:Security";

    /// <summary>Every endpoint but /health and /api/messages needs an API key; null means on in the Postgres profile (keys live there), off in the default one.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Requests a second each caller (API key, or address when anonymous) may make on average.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>How many requests a caller may make at once above that rate.</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 1000;

    /// <summary>Wrong keys or tokens a second one source address may present on average, before 429s.</summary>
    [Range(1, 1_000_000)]
    public int FailedAuthenticationsPerSecond { get; set; } = 5;

    /// <summary>How many wrong keys or tokens an address may present at once above that rate.</summary>
    [Range(1, 10_000_000)]
    public int FailedAuthenticationBurst { get; set; } = 20;

    /// <summary>Bearer JWTs from an identity provider, besides API keys (off unless MetadataUrl is set).</summary>
    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>Configuration section "Api:Security:Jwt": whose tokens are accepted and where their roles are.</summary>
public sealed class JwtOptions
{
    /// <summary>The provider's OpenID metadata document (its jwks_uri gives the signing keys).</summary>
    public string? MetadataUrl { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The claim that holds the roles (an array, or names separated by spaces).</summary>
    public string RolesClaim { get; set; } = "roles";

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);
}
