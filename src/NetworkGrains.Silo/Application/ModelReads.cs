using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Application;

/// <summary>The model registry as REST lists it and the console shows it.</summary>
public sealed class ModelReads(IGrainFactory grains)
{
    /// <summary>Every model of the catalog (of <paramref name="type"/> when given), in the catalog's order.</summary>
    public async Task<ModelSummary[]> List(ModelType? type = null)
    {
        var entries = (await grains.GetGrain<IModelCatalogGrain>(IModelCatalogGrain.Key).List()).Where(e => type is null || e.Type == type);
        return [.. (await Task.WhenAll(entries.Select(e => grains.GetGrain<IModelGrain>(e.Name).Get()))).OfType<ModelSummary>()];
    }
}
