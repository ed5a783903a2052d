using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NetworkGrains.Grains.Models;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// One ONNX Runtime session per (model, version) in the silo, shared by every inference worker. An artifact
/// is verified (SHA-256 and RSA-PSS signature) before its session is created; a refused one is logged, counted,
/// and tried again on the next call rather than cached.
/// </summary>
public sealed class ModelSessionCache(IModelArtifactStore artifacts, ModelSigningKey signingKey, ILogger<ModelSessionCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<OnnxScorer>>> _sessions = new();

    public ValueTask<OnnxScorer> Get(string model, int version) =>
        _sessions.TryGetValue((model, version), out var loaded) && loaded.IsValueCreated && loaded.Value.IsCompletedSuccessfully
            ? new ValueTask<OnnxScorer>(loaded.Value.Result) // the path of every call once loaded: nothing to allocate
            : new ValueTask<OnnxScorer>(GetOrLoad(model, version));

    private async Task<OnnxScorer> GetOrLoad(string model, int version)
    {
        var key = (model, version);
        var entry = _sessions.GetOrAdd(key, k => new Lazy<Task<OnnxScorer>>(() => Load(k.Model, k.Version)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<(string, int), Lazy<Task<OnnxScorer>>>(key, entry));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
            entry.Value.Result.Dispose();
    }

    private async Task<OnnxScorer> Load(string model, int version)
    {
        var artifact = await artifacts.Load(model, version) ?? throw new KeyNotFoundException($"no artifact for {model} version {version}");
        var check = signingKey.Verify(artifact);
        if (check != ArtifactCheck.Valid)
        {
            NetworkGrainsMetrics.ModelIntegrityFailures.Add(1, new("model", model), new("version", version), new("reason", check.ToString()));
            logger.LogError("Refused the artifact of model {Model} version {Version}: {Check}; it was changed after it was registered", model, version, check);
            throw new ModelArtifactException($"the artifact of {model} version {version} failed its integrity check ({check}) and was refused");
        }

        var card = OnnxModelFile.ReadCard(artifact.Onnx) ?? throw new ModelArtifactException($"the artifact of {model} version {version} has no card");
        return new OnnxScorer(artifact.Onnx, card);
    }
}
