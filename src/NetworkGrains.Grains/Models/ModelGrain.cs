using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Inference;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.ML.Training;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Models;

public sealed class ModelGrain(
    [PersistentState("model", StorageNames.Models)] IPersistentState<ModelState> state,
    IModelArtifactStore artifacts,
    IDatasetStore datasets,
    ModelSessionCache sessions,
    ModelSigningKey signingKey,
    IOptions<ModelRegistryOptions> options,
    TimeProvider clock)
    : Grain, IModelGrain
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";
    public const int MaxDriftEvents = 50;

    private ModelState Model => state.State;

    private string Name => this.GetPrimaryKeyString();

    public Task<ModelSummary?> Get() => Task.FromResult(Model.Exists ? Summary() : null);

    public async Task<bool> Create(ModelType type, string description, Actor actor)
    {
        if (Model.Exists) return false;
        Model.Exists = true;
        Model.Type = type;
        Model.Description = description;
        Model.CreatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IModelCatalogGrain>(IModelCatalogGrain.Key).Add(Name, type);
        return true;
    }

    public async Task<ModelSummary> Describe(string description, Actor actor)
    {
        EnsureExists();
        Model.Description = description;
        await state.WriteStateAsync();
        return Summary();
    }

    public async Task<ModelVersion> AddVersion(NewModelVersion version)
    {
        EnsureExists();
        var card = OnnxModelFile.ReadCard(version.Onnx)
            ?? throw new UnusableArtifactProblem("not an ONNX model with a NetworkGrains card in metadata_props (ng.model_type, ng.features, ng.input, ng.output, ng.threshold)");
        if (card.ModelType != SnakeCaseNames.Of(Model.Type))
            throw new UnusableArtifactProblem($"the artifact is a {card.ModelType} model; {Name} is {SnakeCaseNames.Of(Model.Type)}");

        var number = Model.Versions.Count + 1;
        var parent = Summary().Production?.Version ?? Model.Versions.LastOrDefault()?.Version ?? 0;
        var stamped = OnnxModelFile.WithCard(version.Onnx, card with { Version = number, ParentVersion = parent, CodeVersion = ModelCard.CurrentCodeVersion });
        EnsureLoadable(stamped, card);
        var sha = ArtifactSignature.Sha256Hex(stamped);
        await artifacts.Save(new ModelArtifact(Name, number, stamped, sha, signingKey.Sign(stamped)));

        var registered = new ModelVersion(number, ModelStage.Development, card.Algorithm, sha, [.. card.Features], card.Threshold,
            card.TrainingDataSha256, parent, ModelCard.CurrentCodeVersion, new(version.Metrics), clock.GetUtcNow(), version.CreatedBy, [], stamped.Length);
        Model.Versions.Add(registered);
        Model.History.Add(new StageTransition(number, ModelStage.Development, ModelStage.Development, version.CreatedBy, "registered", clock.GetUtcNow()));
        await state.WriteStateAsync();
        return registered;
    }

    public async Task<ModelVersion> RecordValidation(int version, Dictionary<string, double> metrics, Actor actor)
    {
        var updated = Find(version) with { Metrics = new(metrics) };
        Replace(updated);
        await state.WriteStateAsync();
        return updated;
    }

    public async Task<ModelVersion> Validate(int version, string dataset, Actor actor)
    {
        Find(version);
        var csv = await datasets.Load(dataset) ?? throw new NotFoundProblem($"no dataset named {dataset}");
        var scorer = await sessions.Get(Name, version);
        Dictionary<string, double> metrics;
        try
        {
            metrics = await Task.Run(() => ModelValidation.Validate(scorer, TabularData.Parse(csv)));
        }
        catch (Exception ex) when (ex is DatasetFormatException or ModelCardException)
        {
            throw InvalidInputProblem.Single("dataset", $"{dataset}: {ex.Message}");
        }

        return await RecordValidation(version, metrics, actor);
    }

    public async Task<ModelSummary> Approve(int version, ModelStage stage, Actor actor)
    {
        var target = Find(version);
        var approvers = options.Value.ApproversFor(stage);
        var role = actor.Roles.FirstOrDefault(r => approvers.Contains(r, StringComparer.Ordinal));
        if (role is null)
            throw new ConflictProblem($"approving for {SnakeCaseNames.Of(stage)} needs one of the roles {string.Join(", ", approvers)}");
        Replace(target with { Approvals = [.. target.Approvals, new ModelApproval(stage, actor.Id, role, clock.GetUtcNow())] });
        await state.WriteStateAsync();
        return Summary();
    }

    public async Task<ModelSummary> Promote(int version, ModelStage stage, Actor actor, string reason)
    {
        var target = Find(version);
        if (stage == ModelStage.Archived) return await Move(target, stage, actor, reason);
        if (target.Stage == stage) throw new ConflictProblem($"version {version} is in {SnakeCaseNames.Of(stage)} already");
        if (options.Value.GateFor(Model.Type).Check(stage, target.Metrics) is { } metricRefusal) throw new ConflictProblem(metricRefusal);
        var approvers = options.Value.ApproversFor(stage);
        if (approvers.Length > 0 && !target.Approvals.Any(a => a.Stage == stage))
            throw new ConflictProblem($"{SnakeCaseNames.Of(stage)} needs an approval by one of the roles {string.Join(", ", approvers)}");

        if (stage is ModelStage.Staging or ModelStage.Production)
        {
            foreach (var current in Model.Versions.Where(v => v.Stage == stage && v.Version != version).ToList())
                MoveWithoutSaving(current, ModelStage.Archived, actor, $"replaced by version {version}");
        }

        return await Move(target, stage, actor, reason);
    }

    public async Task<ModelSummary> Rollback(Actor actor, string reason)
    {
        var current = Summary().Production;
        if (current is null) throw new ConflictProblem("no version is in production");
        var previous = Model.History
            .Where(t => t.To == ModelStage.Production && t.Version != current.Version)
            .Select(t => t.Version).LastOrDefault();
        if (previous == 0) throw new ConflictProblem($"version {current.Version} is the first production version: nothing to roll back to");

        MoveWithoutSaving(current, ModelStage.Archived, actor, "rolled back: " + reason);
        return await Move(Find(previous), ModelStage.Production, actor, "rollback: " + reason);
    }

    public async Task<ModelSummary> SetAlias(string alias, int? version, Actor actor)
    {
        EnsureExists();
        if (alias == Champion) throw InvalidInputProblem.Single("alias", $"'{Champion}' always names the production version; promote instead");
        if (version is { } v)
        {
            Find(v);
            Model.Aliases[alias] = v;
        }
        else
        {
            Model.Aliases.Remove(alias);
        }

        await state.WriteStateAsync();
        return Summary();
    }

    public async Task<ModelSummary> SetCanary(int percent, Actor actor)
    {
        EnsureExists();
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Model.CanaryPercent = percent;
        await state.WriteStateAsync();
        return Summary();
    }

    public Task<ModelRouting> GetRouting()
    {
        EnsureExists();
        var summary = Summary();
        var named = new Dictionary<string, int>(summary.Aliases);
        foreach (var stage in new[] { ModelStage.Staging, ModelStage.Production })
        {
            if (Model.Versions.LastOrDefault(v => v.Stage == stage) is { } current) named[SnakeCaseNames.Of(stage)] = current.Version;
        }

        int? challenger = Model.Aliases.TryGetValue(Challenger, out var c) ? c : null;
        return Task.FromResult(new ModelRouting(summary.Production?.Version, challenger, challenger is null ? 0 : Model.CanaryPercent, named));
    }

    public async Task<ModelSummary> SetRetraining(RetrainingPolicy? policy, Actor actor)
    {
        EnsureExists();
        Model.Retraining = policy;
        await state.WriteStateAsync();
        return Summary();
    }

    public async Task<DriftEvent> ReportDrift(int version, Dictionary<string, double> psi, long rows)
    {
        Find(version);
        string? job = null;
        var now = clock.GetUtcNow();
        if (Model.Retraining is { OnDrift: true } policy && (Model.LastRetrainingStarted is not { } last || now - last >= options.Value.RetrainingCooldown))
        {
            job = TrainingJob.NewId();
            await GrainFactory.GetGrain<ITrainingJobGrain>(job).Start(
                new TrainingRequest(Name, policy.Dataset, policy.Algorithm, [], policy.ValidationDataset, new Actor("drift", [RoleNames.MlEngineer])));
            Model.LastRetrainingStarted = now;
        }

        var drift = new DriftEvent(version, psi, rows, now, job);
        Model.Drift.Add(drift);
        if (Model.Drift.Count > MaxDriftEvents) Model.Drift.RemoveAt(0);
        await state.WriteStateAsync();
        return drift;
    }

    private async Task<ModelSummary> Move(ModelVersion target, ModelStage stage, Actor actor, string reason)
    {
        MoveWithoutSaving(target, stage, actor, reason);
        await state.WriteStateAsync();
        if (stage == ModelStage.Production) // Teams hears of it; the promotion does not wait for Teams
            GrainFactory.GetGrain<ChatOps.IChatNotifierGrain>(ChatOps.IChatNotifierGrain.Key).ModelDeployed(Name, target.Version, actor.Id).Ignore();
        return Summary();
    }

    private void MoveWithoutSaving(ModelVersion target, ModelStage stage, Actor actor, string reason)
    {
        Replace(target with { Stage = stage });
        Model.History.Add(new StageTransition(target.Version, target.Stage, stage, actor.Id, reason, clock.GetUtcNow()));
    }

    private static void EnsureLoadable(byte[] onnx, ModelCard card)
    {
        try
        {
            using var scorer = new OnnxScorer(onnx, card);
            if (scorer.FeatureCount == 0) throw new UnusableArtifactProblem("the card lists no features");
        }
        catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException)
        {
            throw new UnusableArtifactProblem("ONNX Runtime cannot load the artifact: " + ex.Message);
        }
    }

    private ModelVersion Find(int version)
    {
        EnsureExists();
        return Model.Versions.FirstOrDefault(v => v.Version == version)
            ?? throw new NotFoundProblem($"model {Name} has no version {version}");
    }

    private void Replace(ModelVersion updated) => Model.Versions[updated.Version - 1] = updated;

    private void EnsureExists()
    {
        if (!Model.Exists) throw new NotFoundProblem($"no model named {Name}");
    }

    private ModelSummary Summary()
    {
        var aliases = new Dictionary<string, int>(Model.Aliases);
        if (Model.Versions.LastOrDefault(v => v.Stage == ModelStage.Production) is { } production) aliases[Champion] = production.Version;
        return new ModelSummary(Name, Model.Type, Model.Description, Model.CreatedAt, [.. Model.Versions], aliases, [.. Model.History], Model.CanaryPercent,
            [.. Model.Drift], Model.Retraining);
    }
}
