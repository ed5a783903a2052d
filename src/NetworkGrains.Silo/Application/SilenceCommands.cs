using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>Silences (REST, the console): create one for a while, expire one now.</summary>
public sealed class SilenceCommands(IGrainFactory grains, TimeProvider clock)
{
    public const int MaxComment = 1000;

    /// <summary>A silence for <paramref name="duration"/> ("2h"); its id is made up when not given.</summary>
    public async Task<Silence> Create(Actor actor, string? id, string? deviceId, AnomalyCategory? category, string? metric, string? duration, string? comment)
    {
        var errors = new ValidationErrors();
        id ??= Guid.NewGuid().ToString("N");
        if (!ResourceNames.IsValid(id)) errors.Add("id", ResourceNames.Rule);
        if (deviceId is null && category is null && metric is null) errors.Add("deviceId", "a silence needs at least one matcher: deviceId, category or metric");
        var span = RuleRequest.Duration(duration, "duration", errors);
        if (comment is { Length: > MaxComment }) errors.Add("comment", $"at most {MaxComment} characters");
        errors.ThrowIfAny();
        var silence = new Silence(id, deviceId, category, metric, clock.GetUtcNow() + span, actor.Id, comment ?? "");
        return await Catalog().PutSilence(silence);
    }

    /// <summary>Ends the silence now; NotFoundProblem when there is none with this id.</summary>
    public async Task Expire(string id)
    {
        if (!await Catalog().DeleteSilence(id)) throw new NotFoundProblem($"no silence {id}");
    }

    private IAutomationCatalogGrain Catalog() => grains.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key);
}
