using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Models;

[GenerateSerializer, Alias("ng.dataset-catalog-state.v1")]
public sealed class DatasetCatalogState
{
    [Id(0)] public Dictionary<string, DatasetInfo> Datasets { get; set; } = [];

    /// <summary>Lineage: the SHA-256 of each dataset built from rollups, with the devices they came from.</summary>
    [Id(1)] public Dictionary<string, string[]> SourceDevices { get; set; } = [];
}

public sealed class DatasetCatalogGrain(
    [PersistentState("dataset-catalog", StorageNames.Models)] IPersistentState<DatasetCatalogState> state,
    IDatasetStore store,
    TimeProvider clock)
    : Grain, IDatasetCatalogGrain
{
    public Task<DatasetInfo> Put(string name, byte[] csv) => Store(name, csv, null);

    public Task<DatasetInfo> PutFromDevices(string name, byte[] csv, string[] devices) => Store(name, csv, devices);

    public Task<string[]> DatasetsFromDevice(string deviceId) =>
        Task.FromResult(state.State.SourceDevices.Where(s => s.Value.Contains(deviceId, StringComparer.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal).ToArray());

    public async Task<int> RemoveOlderThan(DateTimeOffset cutoff, int limit)
    {
        var expired = state.State.Datasets.Values.Where(d => d.CreatedAt < cutoff).OrderBy(d => d.CreatedAt).Take(limit).ToList();
        if (expired.Count == 0) return 0;
        foreach (var dataset in expired) await store.Delete(dataset.Name);
        foreach (var dataset in expired) state.State.Datasets.Remove(dataset.Name);
        await state.WriteStateAsync();
        return expired.Count;
    }

    private async Task<DatasetInfo> Store(string name, byte[] csv, string[]? devices)
    {
        TabularData data;
        try
        {
            data = TabularData.Parse(csv);
        }
        catch (DatasetFormatException ex)
        {
            throw InvalidInputProblem.Single("body", ex.Message);
        }

        var info = new DatasetInfo(name, data.Columns, data.RowCount, ArtifactSignature.Sha256Hex(csv), csv.Length, clock.GetUtcNow());
        await store.Save(name, csv);
        state.State.Datasets[name] = info;
        if (devices is not null) state.State.SourceDevices[info.Sha256] = devices.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await state.WriteStateAsync();
        return info;
    }

    public Task<DatasetInfo[]> List() =>
        Task.FromResult(state.State.Datasets.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray());
}
