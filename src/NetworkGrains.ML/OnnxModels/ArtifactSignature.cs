using System.Security.Cryptography;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>What a loader found when it checked an artifact against its recorded hash and signature.</summary>
public enum ArtifactCheck
{
    Valid,
    HashMismatch,
    BadSignature,
}

/// <summary>SHA-256 of an artifact and an RSA-PSS (SHA-256) signature over its bytes.</summary>
public static class ArtifactSignature
{
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] Sign(RSA key, ReadOnlySpan<byte> bytes) =>
        key.SignData(bytes.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    public static ArtifactCheck Verify(RSA key, ReadOnlySpan<byte> bytes, string expectedSha256, byte[] signature)
    {
        if (!string.Equals(Sha256Hex(bytes), expectedSha256, StringComparison.Ordinal)) return ArtifactCheck.HashMismatch;
        return key.VerifyData(bytes.ToArray(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)
            ? ArtifactCheck.Valid
            : ArtifactCheck.BadSignature;
    }
}
