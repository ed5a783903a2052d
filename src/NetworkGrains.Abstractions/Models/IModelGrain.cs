namespace NetworkGrains.Abstractions.Models;

/// <summary>
/// A model in the registry, keyed by its name: versions with stages development -> staging -> production,
/// promotion gates (validation metric and approvals by role), aliases (champion, challenger), rollback,
/// and the history of every transition.
/// </summary>
[Alias("ng.model")]
public interface IModelGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<ModelSummary?> Get();

    /// <summary>False when the model exists already (nothing changes).</summary>
    [Alias("create")]
    Task<bool> Create(ModelType type, string description, Actor actor);

    [Alias("describe")]
    Task<ModelSummary> Describe(string description, Actor actor);

    /// <summary>Registers an artifact as the next version, in development. Throws UnusableArtifactProblem for bytes that are not a carded ONNX model.</summary>
    [Alias("add-version")]
    Task<ModelVersion> AddVersion(NewModelVersion version);

    /// <summary>Replaces a version's validation metrics (what the gates read).</summary>
    [Alias("record-validation")]
    Task<ModelVersion> RecordValidation(int version, Dictionary<string, double> metrics, Actor actor);

    /// <summary>Scores a labelled dataset with the version through ONNX Runtime and records the metrics (what the gates read).</summary>
    [Alias("validate")]
    Task<ModelVersion> Validate(int version, string dataset, Actor actor);

    /// <summary>Records an approval for a stage; ConflictProblem when the actor has none of the roles that approve for it.</summary>
    [Alias("approve")]
    Task<ModelSummary> Approve(int version, ModelStage stage, Actor actor);

    /// <summary>Moves a version to a stage if the gates allow (ConflictProblem saying which gate refused it); promoting to production archives the previous one.</summary>
    [Alias("promote")]
    Task<ModelSummary> Promote(int version, ModelStage stage, Actor actor, string reason);

    /// <summary>Production goes back to the version that was in production before the current one; ConflictProblem when there is none.</summary>
    [Alias("rollback")]
    Task<ModelSummary> Rollback(Actor actor, string reason);

    /// <summary>Points an alias at a version, or removes it with null. "champion" always follows production.</summary>
    [Alias("set-alias")]
    Task<ModelSummary> SetAlias(string alias, int? version, Actor actor);

    [Alias("set-canary")]
    Task<ModelSummary> SetCanary(int percent, Actor actor);

    [Alias("get-routing")]
    Task<ModelRouting> GetRouting();

    /// <summary>Sets (or with null removes) how the model retrains.</summary>
    [Alias("set-retraining")]
    Task<ModelSummary> SetRetraining(RetrainingPolicy? policy, Actor actor);

    /// <summary>From the inference pool: a version's live rows drifted. Recorded; starts retraining if the policy says so.</summary>
    [Alias("report-drift")]
    Task<DriftEvent> ReportDrift(int version, Dictionary<string, double> psi, long rows);
}
