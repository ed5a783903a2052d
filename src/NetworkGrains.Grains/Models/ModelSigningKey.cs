using System.Security.Cryptography;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Models;

/// <summary>
/// The registry's RSA keys: the current one (<see cref="MinimumBits"/> bits or more) signs artifacts when they are
/// registered; it and the retired ones verify them before every load, so artifacts signed before a key change still load.
/// </summary>
public sealed class ModelSigningKey : IDisposable
{
    public const int MinimumBits = 4096;
    private readonly RSA _current;
    private readonly RSA[] _retired;

    public ModelSigningKey(RSA current, params RSA[] retired)
    {
        if (current.KeySize < MinimumBits) throw new ArgumentException($"a model signing key has at least {MinimumBits} bits; this one has {current.KeySize}", nameof(current));
        (_current, _retired) = (current, retired);
    }

    public int KeySize => _current.KeySize;

    public int RetiredKeys => _retired.Length;

    public byte[] Sign(byte[] onnx) => ArtifactSignature.Sign(_current, onnx);

    public ArtifactCheck Verify(ModelArtifact artifact)
    {
        var check = ArtifactSignature.Verify(_current, artifact.Onnx, artifact.Sha256, artifact.Signature);
        foreach (var retired in _retired)
        {
            if (check != ArtifactCheck.BadSignature) break;
            check = ArtifactSignature.Verify(retired, artifact.Onnx, artifact.Sha256, artifact.Signature);
        }
        return check;
    }

    public void Dispose()
    {
        _current.Dispose();
        foreach (var retired in _retired) retired.Dispose();
    }
}
