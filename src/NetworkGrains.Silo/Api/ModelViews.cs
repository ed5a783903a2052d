using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Api;

/// <summary>The seed's Model schema: the registry entry with its serving status and, in full, versions and history.</summary>
public sealed record ModelView(
    string Id,
    string Name,
    ModelType Type,
    string Description,
    string Status,
    int? ProductionVersion,
    int? LatestVersion,
    Dictionary<string, int> Aliases,
    int CanaryPercent,
    DateTimeOffset CreatedAt,
    PerformanceMetrics? PerformanceMetrics,
    ModelVersion[]? Versions,
    StageTransition[]? History,
    DriftEvent[]? Drift,
    RetrainingPolicy? Retraining)
{
    /// <summary>production, staging or development after the best stage a version is in; untrained without versions.</summary>
    public static string StatusOf(ModelSummary model) =>
        model.Versions.Length == 0 ? "untrained"
        : new[] { ModelStage.Production, ModelStage.Staging, ModelStage.Development }
            .Where(stage => model.Versions.Any(v => v.Stage == stage)).Select(SnakeCaseNames.Of).FirstOrDefault() ?? "archived";

    public static ModelView From(ModelSummary model, bool full) => new(
        model.Name, model.Name, model.Type, model.Description, StatusOf(model), model.Production?.Version, model.Latest?.Version,
        model.Aliases, model.CanaryPercent, model.CreatedAt, PerformanceMetrics.From((model.Production ?? model.Latest)?.Metrics),
        full ? model.Versions : null, full ? model.History : null, full ? model.Drift : null, model.Retraining);
}

/// <summary>
/// The seed's PerformanceMetrics: how the serving (else the latest) version scored on its validation set; what a
/// model type does not measure is absent (classifiers: accuracy to AUC-ROC; anomaly detectors also the NAB standard
/// score over 100 when the set has labelled runs; forecasters: MAE and MASE; performance regressions: MAE and R²).
/// </summary>
public sealed record PerformanceMetrics(double? Accuracy, double? Precision, double? Recall, double? F1Score, double? AucRoc, double? Mae, double? Mase, double? NabScore, double? R2)
{
    public static PerformanceMetrics? From(Dictionary<string, double>? metrics) => metrics is null ? null : new(
        Get(metrics, "accuracy"), Get(metrics, "precision"), Get(metrics, "recall"), Get(metrics, "f1"), Get(metrics, "auc_roc"), Get(metrics, "mae"), Get(metrics, "mase"), Get(metrics, "nab_score"), Get(metrics, "r2"));

    private static double? Get(Dictionary<string, double> metrics, string name) => metrics.TryGetValue(name, out var value) ? value : null;
}

public sealed record CreateModelBody(string? Name, ModelType? Type, string? Description);

public sealed record UpdateModelBody(string? Description);

public sealed record StageBody(ModelStage? Stage, string? Reason);

public sealed record DeployBody(int? Version, ModelStage? Stage, string? Reason);

public sealed record AliasBody(int? Version);

public sealed record CanaryBody(int? Percent);

public sealed record ReasonBody(string? Reason);

public sealed record ValidateBody(string? Dataset);

public sealed record RetrainingBody(string? Dataset, string? Algorithm, string? ValidationDataset, bool? OnDrift);

public sealed record TrainBody(string? Dataset, string? Algorithm, Dictionary<string, string>? Options, string? ValidationDataset);
