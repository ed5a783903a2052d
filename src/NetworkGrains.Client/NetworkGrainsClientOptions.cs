namespace NetworkGrains.Client;

/// <summary>How to reach a NetworkGrains cluster.</summary>
public sealed class NetworkGrainsClientOptions
{
    /// <summary>Must match the silos' NetworkGrains:ClusterId.</summary>
    public string ClusterId { get; set; } = "networkgrains";

    /// <summary>Must match the silos' NetworkGrains:ServiceId.</summary>
    public string ServiceId { get; set; } = "networkgrains";

    /// <summary>
    /// The silos' PostgreSQL: gateways are then discovered through ADO.NET clustering. When null, the client
    /// connects to a single silo's gateway on localhost.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The localhost gateway port (default profile).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>When the silos use TLS (NetworkGrains:TlsCertificateFile): the cluster certificate's PEM file, which the client presents and expects.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The private key of <see cref="TlsCertificateFile"/> (PEM).</summary>
    public string? TlsKeyFile { get; set; }
}
