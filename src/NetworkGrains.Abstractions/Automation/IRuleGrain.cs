using Orleans.Concurrency;
using NetworkGrains.Abstractions.Anomalies;

namespace NetworkGrains.Abstractions.Automation;

/// <summary>An automation rule, keyed by its id: its definition, the anomaly events it handles, and its execution history.</summary>
[Alias("ng.rule")]
public interface IRuleGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the rule; false when it existed.</summary>
    [Alias("define")]
    Task<bool> Define(RuleDefinition definition);

    [Alias("get")]
    Task<RuleDefinition?> Get();

    /// <summary>Acts on an anomaly event if the rule matches it (or by hand, with <paramref name="force"/>) and returns what it did.</summary>
    [Alias("handle")]
    Task<RuleExecution[]> Handle(AnomalyEvent anomalyEvent, bool force);

    /// <summary>
    /// The stream dispatcher's call: returns once the actions the event calls for are durably pending (they run
    /// after, and again after a silo failure), so one slow webhook does not hold up the next event.
    /// </summary>
    [Alias("accept")]
    Task Accept(AnomalyEvent anomalyEvent);

    /// <summary>The newest executions (at most 200 are kept), newest first.</summary>
    [Alias("history")]
    Task<RuleExecution[]> History(int last);
}

/// <summary>The rules and silences of the cluster (one grain, key <see cref="Key"/>).</summary>
[Alias("ng.automation-catalog")]
public interface IAutomationCatalogGrain : IGrainWithStringKey
{
    public const string Key = "automation";

    [Alias("add-rule")]
    Task AddRule(string id);

    [Alias("rules"), ReadOnly]
    Task<string[]> Rules();

    [Alias("add-workflow")]
    Task AddWorkflow(string id);

    [Alias("workflows"), ReadOnly]
    Task<string[]> Workflows();

    [Alias("put-silence")]
    Task<Silence> PutSilence(Silence silence);

    [Alias("delete-silence")]
    Task<bool> DeleteSilence(string id);

    /// <summary>The silences that have not expired.</summary>
    [Alias("silences"), ReadOnly]
    Task<Silence[]> Silences();

    /// <summary>Remembers the workflow run that holds a rule's change for a person's review (the newest 200 are kept).</summary>
    [Alias("add-review")]
    Task AddReview(string runId);

    /// <summary>The newest <paramref name="last"/> review runs, newest first.</summary>
    [Alias("reviews"), ReadOnly]
    Task<string[]> Reviews(int last);
}

/// <summary>Mutes rule actions for matching anomalies until it expires (Alertmanager's silence): every set matcher must match.</summary>
[GenerateSerializer, Immutable, Alias("ng.silence.v1")]
public sealed record Silence(
    [property: Id(0)] string Id,
    [property: Id(1)] string? DeviceId,
    [property: Id(2)] AnomalyCategory? Category,
    [property: Id(3)] string? Metric,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] string Comment)
{
    public bool Matches(Anomaly anomaly, DateTimeOffset now) =>
        now < ExpiresAt && (DeviceId is null || DeviceId == anomaly.DeviceId) && (Category is null || Category == anomaly.Category)
        && (Metric is null || Metric == anomaly.Metric);
}
