namespace NetworkGrains.Abstractions.Models;

/// <summary>The datasets uploaded for training and validation (one grain, key <see cref="Key"/>); the bytes are in the dataset store.</summary>
[Alias("ng.dataset-catalog")]
public interface IDatasetCatalogGrain : IGrainWithStringKey
{
    public const string Key = "datasets";

    /// <summary>Parses and stores a CSV dataset, replacing one of the same name. Throws ArgumentException for malformed CSV.</summary>
    [Alias("put")]
    Task<DatasetInfo> Put(string name, byte[] csv);

    [Alias("list")]
    Task<DatasetInfo[]> List();
}
