namespace NetworkGrains.Abstractions.Models;

/// <summary>The names and types of every model (one grain, key <see cref="Key"/>), for listing; each model grain holds the rest.</summary>
[Alias("ng.model-catalog")]
public interface IModelCatalogGrain : IGrainWithStringKey
{
    public const string Key = "models";

    [Alias("add")]
    Task Add(string name, ModelType type);

    [Alias("list")]
    Task<ModelCatalogEntry[]> List();
}

[GenerateSerializer, Immutable, Alias("ng.model-catalog-entry.v1")]
public sealed record ModelCatalogEntry([property: Id(0)] string Name, [property: Id(1)] ModelType Type);
