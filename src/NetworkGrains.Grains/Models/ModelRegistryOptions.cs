using System.ComponentModel.DataAnnotations;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Models;

/// <summary>
/// Promotion gates (configuration section "Models"): per model type the validation metric a version must reach
/// for each stage, and per stage the roles whose approval it needs. "default" applies to types without their own.
/// </summary>
public sealed class ModelRegistryOptions
{
    public const string Section = "Models";

    public Dictionary<string, StageGate> Gates { get; set; } = new(StringComparer.Ordinal)
    {
        ["default"] = new StageGate(),
        ["traffic_prediction"] = new StageGate { Metric = "mase", LowerIsBetter = true, Development = 1.0, Staging = 0.95, Production = 0.9 },
        ["performance_optimization"] = new StageGate { Metric = "r2" },
    };

    /// <summary>
    /// Configured approver roles by stage. Empty by default, because the configuration binder appends to arrays it
    /// finds: a stage not configured here falls back to <see cref="DefaultApprovals"/>.
    /// </summary>
    public Dictionary<string, string[]> Approvals { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly IReadOnlyDictionary<string, string[]> DefaultApprovals = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["staging"] = ["ml_engineer", "ml_admin", "admin"],
        ["production"] = ["ml_admin", "admin"],
    };

    /// <summary>A model that retrains on drift starts at most one training job in this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan RetrainingCooldown { get; set; } = TimeSpan.FromHours(1);

    public StageGate GateFor(ModelType type) =>
        Gates.GetValueOrDefault(Abstractions.SnakeCaseNames.Of(type)) ?? Gates.GetValueOrDefault("default") ?? new StageGate();

    public string[] ApproversFor(ModelStage stage) =>
        Approvals.GetValueOrDefault(Abstractions.SnakeCaseNames.Of(stage)) ?? DefaultApprovals.GetValueOrDefault(Abstractions.SnakeCaseNames.Of(stage)) ?? [];
}

/// <summary>The seed's gates: the validation metric (F1 unless configured) at least 0.70 / 0.85 / 0.90.</summary>
public sealed class StageGate
{
    public string Metric { get; set; } = "f1";

    public bool LowerIsBetter { get; set; }

    public double Development { get; set; } = 0.70;

    public double Staging { get; set; } = 0.85;

    public double Production { get; set; } = 0.90;

    public double? Threshold(ModelStage stage) => stage switch
    {
        ModelStage.Development => Development,
        ModelStage.Staging => Staging,
        ModelStage.Production => Production,
        _ => null,
    };

    /// <summary>Null when the metrics pass the gate of <paramref name="stage"/>, else why not.</summary>
    public string? Check(ModelStage stage, IReadOnlyDictionary<string, double> metrics)
    {
        if (Threshold(stage) is not { } threshold) return null;
        if (!metrics.TryGetValue(Metric, out var value)) return $"no '{Metric}' validation metric: validate the version first";
        var passes = LowerIsBetter ? value <= threshold : value >= threshold;
        return passes ? null : $"{Metric} {value:0.###} does not reach the {Abstractions.SnakeCaseNames.Of(stage)} gate ({(LowerIsBetter ? "<=" : ">=")} {threshold:0.###})";
    }
}
