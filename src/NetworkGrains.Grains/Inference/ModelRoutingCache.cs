using System.Collections.Concurrent;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Inference;

/// <summary>
/// The routing of each model as the inference workers of this silo see it, refreshed from the model grain when
/// older than <see cref="InferenceOptions.RoutingRefresh"/>: a promotion reaches every worker within that time,
/// and calls in between keep using the previous version's (still cached) session, so none fails.
/// </summary>
public sealed class ModelRoutingCache(IGrainFactory grains, TimeProvider clock, Microsoft.Extensions.Options.IOptions<InferenceOptions> options)
{
    private readonly ConcurrentDictionary<string, (ModelRouting Routing, DateTimeOffset FetchedAt)> _routings = new(StringComparer.Ordinal);

    public async ValueTask<ModelRouting> Get(string model)
    {
        if (_routings.TryGetValue(model, out var cached) && clock.GetUtcNow() - cached.FetchedAt < options.Value.RoutingRefresh)
            return cached.Routing;
        var routing = await grains.GetGrain<IModelGrain>(model).GetRouting();
        _routings[model] = (routing, clock.GetUtcNow());
        return routing;
    }

    /// <summary>The version a request scores with (see <see cref="ScoreRequest.Target"/>).</summary>
    public async ValueTask<int> Resolve(ScoreRequest request)
    {
        var routing = await Get(request.Model);
        if (request.Target is { } target)
        {
            if (int.TryParse(target, System.Globalization.CultureInfo.InvariantCulture, out var version)) return version;
            return routing.Named.TryGetValue(target, out var named) ? named
                : throw new NotFoundProblem($"model {request.Model} has no version named '{target}'");
        }

        if (routing.Challenger is { } challenger && request.DeviceId is { } device && CanaryBucket(device) < routing.CanaryPercent)
            return challenger;
        return routing.Champion ?? throw new NotFoundProblem($"model {request.Model} has no production version");
    }

    /// <summary>A device's stable bucket in 0..99 (FNV-1a of its id), so a device stays on one side of the canary split.</summary>
    public static int CanaryBucket(string deviceId)
    {
        var hash = 2166136261u;
        foreach (var c in deviceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 100);
    }
}
