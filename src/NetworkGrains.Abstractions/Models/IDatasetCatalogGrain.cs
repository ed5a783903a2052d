namespace NetworkGrains.Abstractions.Models;

/// <summary>The datasets uploaded for training and validation (one grain, key <see cref="Key"/>); the bytes are in the dataset store.</summary>
[Alias("ng.dataset-catalog")]
public interface IDatasetCatalogGrain : IGrainWithStringKey
{
    public const string Key = "datasets";

    /// <summary>Parses and stores a CSV dataset, replacing one of the same name. Throws InvalidInputProblem for malformed CSV.</summary>
    [Alias("put")]
    Task<DatasetInfo> Put(string name, byte[] csv);

    [Alias("list")]
    Task<DatasetInfo[]> List();

    /// <summary><see cref="Put"/> for a dataset built from these devices' rollups: its SHA-256 is remembered as theirs (lineage).</summary>
    [Alias("put-from-devices")]
    Task<DatasetInfo> PutFromDevices(string name, byte[] csv, string[] devices);

    /// <summary>The SHA-256 of every dataset ever built from the device's rollups (replaced or expired ones too): what trained models record.</summary>
    [Alias("lineage-of-device")]
    Task<string[]> DatasetsFromDevice(string deviceId);

    /// <summary>Retention: removes at most <paramref name="limit"/> datasets created before the cutoff (their lineage stays); how many.</summary>
    [Alias("remove-older-than")]
    Task<int> RemoveOlderThan(DateTimeOffset cutoff, int limit);
}
