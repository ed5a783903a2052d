using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>People's changes to an anomaly (REST, the console): investigate it (acknowledging is investigating), resolve it or call it a false positive.</summary>
public sealed class AnomalyCommands(IGrainFactory grains)
{
    public const int MaxNotes = 4000;

    public async Task<Anomaly> Investigate(Actor actor, string id, string? notes)
    {
        CheckNotes(notes);
        await Existing(id);
        return await grains.GetGrain<IAnomalyGrain>(id).Investigate(actor, notes);
    }

    /// <summary>Closes it as <paramref name="resolution"/> (resolved when null; resolved or false_positive).</summary>
    public async Task<Anomaly> Resolve(Actor actor, string id, AnomalyStatus? resolution, string? notes)
    {
        if (resolution is not (null or AnomalyStatus.Resolved or AnomalyStatus.FalsePositive))
            throw InvalidInputProblem.Single("resolution", "resolved or false_positive");
        CheckNotes(notes);
        await Existing(id);
        return await grains.GetGrain<IAnomalyGrain>(id).Resolve(actor, resolution ?? AnomalyStatus.Resolved, notes);
    }

    public async Task<Anomaly> Existing(string id) =>
        (ResourceNames.IsValid(id) ? await grains.GetGrain<IAnomalyGrain>(id).Get() : null) ?? throw new NotFoundProblem($"no anomaly {id}");

    private static void CheckNotes(string? notes)
    {
        if (notes is { Length: > MaxNotes }) throw InvalidInputProblem.Single("notes", $"at most {MaxNotes} characters");
    }
}
