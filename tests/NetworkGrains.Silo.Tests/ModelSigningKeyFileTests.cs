using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkGrains.Grains.Models;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ModelSigningKeyFileTests : IDisposable
{
    private static readonly byte[] Onnx = [1, 2, 3, 4, 5];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ng-signing-");

    private string KeyPath => Path.Combine(_directory.FullName, "keys", "model-signing.pem");

    [Fact]
    public void A_missing_file_gets_a_4096_bit_key_readable_only_by_its_owner_and_the_same_key_next_time()
    {
        using var created = ModelSigningKeyFile.Load(KeyPath, NullLogger.Instance);
        var artifact = Artifact(created.Sign(Onnx));

        Assert.Equal(4096, created.KeySize);
        Assert.Equal(512, artifact.Signature.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        using var again = ModelSigningKeyFile.Load(KeyPath, NullLogger.Instance);
        Assert.Equal(0, again.RetiredKeys);
        Assert.Equal(ArtifactCheck.Valid, again.Verify(artifact));
    }

    [Fact]
    public void A_3072_bit_key_is_retired_behind_a_new_4096_bit_key_and_still_verifies_what_it_signed()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        using var old = RSA.Create(3072);
        File.WriteAllText(KeyPath, old.ExportPkcs8PrivateKeyPem());
        var signedBefore = Artifact(ArtifactSignature.Sign(old, Onnx));

        using var upgraded = ModelSigningKeyFile.Load(KeyPath, NullLogger.Instance);

        Assert.Equal(4096, upgraded.KeySize);
        Assert.Equal(1, upgraded.RetiredKeys);
        Assert.Equal(ArtifactCheck.Valid, upgraded.Verify(signedBefore));
        var signedAfter = Artifact(upgraded.Sign(Onnx));
        Assert.Equal(512, signedAfter.Signature.Length);
        Assert.False(old.VerifyData(Onnx, signedAfter.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

        // The upgrade happens once: the next start reads the same two keys.
        using var restarted = ModelSigningKeyFile.Load(KeyPath, NullLogger.Instance);
        Assert.Equal(1, restarted.RetiredKeys);
        Assert.Equal(ArtifactCheck.Valid, restarted.Verify(signedBefore));
        Assert.Equal(ArtifactCheck.Valid, restarted.Verify(signedAfter));
        Assert.Equal(ArtifactCheck.BadSignature, restarted.Verify(Artifact(new byte[512])));
    }

    [Fact]
    public void A_file_with_a_key_that_is_not_rsa_is_refused_with_the_setting_and_the_file_named()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        using var elliptic = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(KeyPath, elliptic.ExportPkcs8PrivateKeyPem());

        var refused = Assert.Throws<InvalidOperationException>(() => ModelSigningKeyFile.Load(KeyPath, NullLogger.Instance));
        Assert.Contains("Models:SigningKeyFile", refused.Message);
        Assert.Contains(KeyPath, refused.Message);
    }

    [Fact]
    public void A_key_shorter_than_4096_bits_cannot_sign()
    {
        using var short3072 = RSA.Create(3072);
        Assert.Throws<ArgumentException>(() => new ModelSigningKey(short3072));
    }

    private static ModelArtifact Artifact(byte[] signature) => new("m", 1, Onnx, ArtifactSignature.Sha256Hex(Onnx), signature);

    public void Dispose() => _directory.Delete(recursive: true);
}
