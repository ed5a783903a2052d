using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Automation;

namespace NetworkGrains.Grains.Automation;

[GenerateSerializer, Alias("ng.automation-catalog-state.v1")]
public sealed class AutomationCatalogState
{
    [Id(0)] public HashSet<string> Rules { get; set; } = [];
    [Id(1)] public Dictionary<string, Silence> Silences { get; set; } = [];
    [Id(2)] public HashSet<string> Workflows { get; set; } = [];

    /// <summary>Review runs (<see cref="HumanReview"/>), oldest first.</summary>
    [Id(3)] public List<string> Reviews { get; set; } = [];
}

public sealed class AutomationCatalogGrain(
    [PersistentState("automation", StorageNames.Operations)] IPersistentState<AutomationCatalogState> state,
    TimeProvider clock)
    : Grain, IAutomationCatalogGrain
{
    public async Task AddRule(string id)
    {
        if (state.State.Rules.Add(id)) await state.WriteStateAsync();
    }

    public Task<string[]> Rules() => Task.FromResult(state.State.Rules.Order(StringComparer.Ordinal).ToArray());

    public async Task AddWorkflow(string id)
    {
        if (state.State.Workflows.Add(id)) await state.WriteStateAsync();
    }

    public Task<string[]> Workflows() => Task.FromResult(state.State.Workflows.Order(StringComparer.Ordinal).ToArray());


    public async Task AddReview(string runId)
    {
        if (state.State.Reviews.Contains(runId)) return;
        state.State.Reviews.Add(runId);
        if (state.State.Reviews.Count > Limits.ReviewsKept) state.State.Reviews.RemoveRange(0, state.State.Reviews.Count - Limits.ReviewsKept);
        await state.WriteStateAsync();
    }

    public Task<string[]> Reviews(int last) => Task.FromResult(state.State.Reviews.AsEnumerable().Reverse().Take(last).ToArray());

    public async Task<Silence> PutSilence(Silence silence)
    {
        state.State.Silences[silence.Id] = silence;
        foreach (var expired in state.State.Silences.Values.Where(s => s.ExpiresAt <= clock.GetUtcNow()).ToList()) state.State.Silences.Remove(expired.Id);
        await state.WriteStateAsync();
        return silence;
    }

    public async Task<bool> DeleteSilence(string id)
    {
        if (!state.State.Silences.Remove(id)) return false;
        await state.WriteStateAsync();
        return true;
    }

    public Task<Silence[]> Silences() =>
        Task.FromResult(state.State.Silences.Values.Where(s => s.ExpiresAt > clock.GetUtcNow()).OrderBy(s => s.ExpiresAt).ToArray());
}
