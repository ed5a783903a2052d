using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Models;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// The silo's ONNX Runtime sessions: for each (model, version), one per lane (<see cref="ModelSessions"/>), each
/// inference worker running on its own lane. An artifact is verified (SHA-256 and RSA-PSS signature) once, before
/// its first session is made; a refused one is logged, counted, and tried again on the next call rather than cached.
/// </summary>
public sealed class ModelSessionCache(
    IModelArtifactStore artifacts, ModelSigningKey signingKey, IOptions<InferenceOptions> options, ILogger<ModelSessionCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string Model, int Version), Lazy<Task<ModelSessions>>> _sessions = new();

    public SessionLanes Lanes { get; } = new(Math.Max(1, options.Value.SessionsPerVersion));

    /// <summary>The session of <paramref name="lane"/> (any lane for a one-off call such as validation).</summary>
    public ValueTask<OnnxScorer> Get(string model, int version, int lane = 0) =>
        _sessions.TryGetValue((model, version), out var loaded) && loaded.IsValueCreated && loaded.Value.IsCompletedSuccessfully
            ? new ValueTask<OnnxScorer>(loaded.Value.Result.For(lane)) // the path of every call once loaded: nothing to allocate
            : GetOrLoad(model, version, lane);

    private async ValueTask<OnnxScorer> GetOrLoad(string model, int version, int lane)
    {
        var key = (model, version);
        var entry = _sessions.GetOrAdd(key, k => new Lazy<Task<ModelSessions>>(() => Load(k.Model, k.Version)));
        try
        {
            return (await entry.Value).For(lane);
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<(string, int), Lazy<Task<ModelSessions>>>(key, entry));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
            entry.Value.Result.Dispose();
    }

    private async Task<ModelSessions> Load(string model, int version)
    {
        var artifact = await artifacts.Load(model, version) ?? throw new NotFoundProblem($"no artifact for {model} version {version}");
        var check = signingKey.Verify(artifact);
        if (check != ArtifactCheck.Valid)
        {
            NetworkGrainsMetrics.ModelIntegrityFailures.Add(1, new("model", model), new("version", version), new("reason", check.ToString()));
            logger.LogError("Refused the artifact of model {Model} version {Version}: {Check}; it was changed after it was registered", model, version, check);
            throw new UnusableArtifactProblem($"the artifact of {model} version {version} failed its integrity check ({check}) and was refused");
        }

        var card = OnnxModelFile.ReadCard(artifact.Onnx) ?? throw new UnusableArtifactProblem($"the artifact of {model} version {version} has no card");
        return new ModelSessions(artifact.Onnx, card, Lanes.Count);
    }
}
