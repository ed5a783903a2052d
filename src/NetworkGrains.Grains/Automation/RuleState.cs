using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;

namespace NetworkGrains.Grains.Automation;

[GenerateSerializer, Alias("ng.rule-state.v1")]
public sealed class RuleState
{
    [Id(0)] public RuleDefinition? Definition { get; set; }
    [Id(1)] public List<RuleExecution> History { get; set; } = [];

    /// <summary>Per series (device|metric|instance): when the rule may act again.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> CoolingUntil { get; set; } = [];

    /// <summary>Per series: when matching events arrived, for a count condition.</summary>
    [Id(3)] public Dictionary<string, List<DateTimeOffset>> Hits { get; set; } = [];

    /// <summary>Actions written as pending and not finished (a crash in between): run again on activation, same key.</summary>
    [Id(4)] public Dictionary<string, AnomalyEvent> Pending { get; set; } = [];
}
