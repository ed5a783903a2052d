using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>
/// Serving changes to a model (REST, the console, Teams): deploy or promote a version to a stage, roll back, set the canary. The
/// registry's gates answer a promotion or rollback (a ConflictProblem says why one was refused).
/// </summary>
public sealed class ModelCommands(IGrainFactory grains)
{
    public const int MaxReason = 1000;

    public async Task<ModelSummary> Promote(Actor actor, string id, int version, ModelStage? stage, string? reason)
    {
        if (stage is null) throw InvalidInputProblem.Single("stage", "one of development, staging, production, archived");
        CheckReason(reason);
        RequireStage(actor, stage.Value);
        return await (await Existing(id)).Promote(version, stage.Value, actor, reason ?? "");
    }

    /// <summary>The seed's deploy: a promotion of <paramref name="version"/>, to production unless <paramref name="stage"/> says otherwise.</summary>
    public Task<ModelSummary> Deploy(Actor actor, string id, int? version, ModelStage? stage, string? reason) =>
        version is { } v ? Promote(actor, id, v, stage ?? ModelStage.Production, reason ?? "deploy") : throw InvalidInputProblem.Single("version", "required");

    public async Task<ModelSummary> Rollback(Actor actor, string id, string? reason)
    {
        CheckReason(reason);
        return await (await Existing(id)).Rollback(actor, reason ?? "");
    }

    public async Task<ModelSummary> SetCanary(Actor actor, string id, int? percent)
    {
        if (percent is not (>= 0 and <= 100)) throw InvalidInputProblem.Single("percent", "required, 0-100");
        return await (await Existing(id)).SetCanary(percent.Value, actor);
    }

    /// <summary>A route lets model:deploy:staging in; production (and archiving a version) needs model:deploy:production: ForbiddenProblem (403) without it.</summary>
    public static void RequireStage(Actor actor, ModelStage stage)
    {
        if (stage is ModelStage.Production or ModelStage.Archived && !Permissions.Allows(actor.Roles, Permissions.ModelDeployProduction))
            throw new ForbiddenProblem($"{Permissions.ModelDeployProduction} is needed (roles: {string.Join(", ", Permissions.RolesWith(Permissions.ModelDeployProduction))})");
    }

    private async Task<IModelGrain> Existing(string id)
    {
        var model = grains.GetGrain<IModelGrain>(ResourceNames.IsValid(id) ? id : throw new NotFoundProblem($"no model named {id}"));
        return await model.Get() is null ? throw new NotFoundProblem($"no model named {id}") : model;
    }

    private static void CheckReason(string? reason)
    {
        if (reason is { Length: > MaxReason }) throw InvalidInputProblem.Single("reason", $"at most {MaxReason} characters");
    }
}
