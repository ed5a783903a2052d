using System.Security.Cryptography.X509Certificates;

namespace NetworkGrains.Abstractions.Security;

/// <summary>
/// The certificate a cluster's silos and clients share for TLS (PEM files: certificate and private key). A peer is
/// trusted when it presents this same certificate: one secret to distribute, no public CA needed on a closed network.
/// </summary>
public sealed class ClusterCertificate(X509Certificate2 certificate)
{
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The name peers connect to: the certificate's CN.</summary>
    public string HostName => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    public static ClusterCertificate Load(string certificateFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        // Exported and re-imported so that the private key is usable by SslStream on every platform.
        return new ClusterCertificate(X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null));
    }

    public bool IsPeer(X509Certificate? presented) =>
        presented is not null && string.Equals(presented.GetCertHashString(), Certificate.GetCertHashString(), StringComparison.OrdinalIgnoreCase);
}
