using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkGrains.Client;

namespace NetworkGrains.Integration.Tests.Security;

/// <summary>
/// TLS everywhere from configuration: a self-signed cluster certificate made here, two silos that form a cluster
/// over mutual TLS and serve HTTPS, and a client SDK app that connects over TLS and lists open anomalies.
/// </summary>
public sealed class TlsClusterTests
{
    [Fact]
    public async Task A_tls_enabled_two_silo_cluster_forms_serves_https_and_takes_a_tls_client()
    {
        var (certificateFile, keyFile) = SelfSignedCertificate();
        var tls = new Dictionary<string, string> { ["NetworkGrains__TlsCertificateFile"] = certificateFile, ["NetworkGrains__TlsKeyFile"] = keyFile };
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"tls{Guid.NewGuid():N}"[..16];
        await using var first = await SiloProcess.StartAsync(database.ConnectionString, cluster, tls);
        await using var second = await SiloProcess.StartAsync(database.ConnectionString, cluster, tls);

        await database.WaitForCountAsync($"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{cluster}' AND status = 3", 2, TimeSpan.FromSeconds(60));
        await first.Http.PutDeviceAsync("core-9", "10.9.3.9");
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/api/v1/devices/core-9")).StatusCode);
        await second.Http.PostCpuSpikeAsync("core-9");
        using (var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.Ports.Http}") })
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("/health"));

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNetworkGrainsClient(o =>
        {
            o.ClusterId = o.ServiceId = cluster;
            o.PostgresConnectionString = database.ConnectionString;
            (o.TlsCertificateFile, o.TlsKeyFile) = (certificateFile, keyFile);
        });
        using var app = builder.Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<NetworkGrainsClient>();
        var total = await Poll.UntilAsync(async () => await client.ListAnomaliesAsync(deviceId: "core-9") is { Total: > 0 } page ? page.Total : (int?)null);
        Assert.All((await client.ListAnomaliesAsync(deviceId: "core-9")).Items, a => Assert.Equal(("core-9", Abstractions.Anomalies.AnomalyStatus.Detected), (a.DeviceId, a.Status)));
        Assert.True(total >= 1);
        await app.StopAsync();
        Assert.DoesNotContain("PRIVATE KEY", first.Log);
    }

    /// <summary>A certificate for CN=networkgrains-cluster (and 127.0.0.1), for servers and clients, in PEM files.</summary>
    internal static (string Certificate, string Key) SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=networkgrains-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("networkgrains-cluster");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var directory = Directory.CreateTempSubdirectory("ng-tls-").FullName;
        var (certificateFile, keyFile) = (Path.Combine(directory, "cluster.pem"), Path.Combine(directory, "cluster.key"));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
