using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.Models;

[GenerateSerializer, Alias("ng.model-catalog-state.v1")]
public sealed class ModelCatalogState
{
    [Id(0)] public Dictionary<string, ModelType> Models { get; set; } = [];
}

public sealed class ModelCatalogGrain(
    [PersistentState("model-catalog", StorageNames.Models)] IPersistentState<ModelCatalogState> state)
    : Grain, IModelCatalogGrain
{
    public async Task Add(string name, ModelType type)
    {
        if (state.State.Models.TryGetValue(name, out var known) && known == type) return;
        state.State.Models[name] = type;
        await state.WriteStateAsync();
    }

    public Task<ModelCatalogEntry[]> List() =>
        Task.FromResult(state.State.Models.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new ModelCatalogEntry(m.Key, m.Value)).ToArray());
}
