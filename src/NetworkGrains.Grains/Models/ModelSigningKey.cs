using System.Security.Cryptography;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Models;

/// <summary>The registry's RSA key: signs artifacts when they are registered and verifies them before every load.</summary>
public sealed class ModelSigningKey(RSA key) : IDisposable
{
    public byte[] Sign(byte[] onnx) => ArtifactSignature.Sign(key, onnx);

    public ArtifactCheck Verify(ModelArtifact artifact) => ArtifactSignature.Verify(key, artifact.Onnx, artifact.Sha256, artifact.Signature);

    public void Dispose() => key.Dispose();
}
