namespace NetworkGrains.Grains.Models;

/// <summary>A version's ONNX bytes as stored, with the SHA-256 and RSA-PSS signature recorded when it was registered.</summary>
public sealed record ModelArtifact(string Model, int Version, byte[] Onnx, string Sha256, byte[] Signature);

/// <summary>Where artifacts live: PostgreSQL in the Postgres profile, memory in the default one.</summary>
public interface IModelArtifactStore
{
    Task Save(ModelArtifact artifact, CancellationToken cancellationToken = default);

    Task<ModelArtifact?> Load(string model, int version, CancellationToken cancellationToken = default);
}

public sealed class MemoryModelArtifactStore : IModelArtifactStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), ModelArtifact> _artifacts = new();

    public Task Save(ModelArtifact artifact, CancellationToken cancellationToken = default)
    {
        _artifacts[(artifact.Model, artifact.Version)] = artifact;
        return Task.CompletedTask;
    }

    public Task<ModelArtifact?> Load(string model, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_artifacts.GetValueOrDefault((model, version)));
}
