using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Models;

[GenerateSerializer, Alias("ng.model-state.v1")]
public sealed class ModelState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public ModelType Type { get; set; }
    [Id(2)] public string Description { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<ModelVersion> Versions { get; set; } = [];
    [Id(5)] public Dictionary<string, int> Aliases { get; set; } = [];
    [Id(6)] public List<StageTransition> History { get; set; } = [];
    [Id(7)] public int CanaryPercent { get; set; }
    [Id(8)] public List<DriftEvent> Drift { get; set; } = [];
    [Id(9)] public RetrainingPolicy? Retraining { get; set; }
    [Id(10)] public DateTimeOffset? LastRetrainingStarted { get; set; }
}
