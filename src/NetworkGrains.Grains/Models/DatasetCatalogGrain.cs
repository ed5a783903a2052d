using NetworkGrains.Abstractions.Models;
using NetworkGrains.ML.Datasets;
using NetworkGrains.ML.OnnxModels;

namespace NetworkGrains.Grains.Models;

[GenerateSerializer, Alias("ng.dataset-catalog-state.v1")]
public sealed class DatasetCatalogState
{
    [Id(0)] public Dictionary<string, DatasetInfo> Datasets { get; set; } = [];
}

public sealed class DatasetCatalogGrain(
    [PersistentState("dataset-catalog", StorageNames.Models)] IPersistentState<DatasetCatalogState> state,
    IDatasetStore store,
    TimeProvider clock)
    : Grain, IDatasetCatalogGrain
{
    public async Task<DatasetInfo> Put(string name, byte[] csv)
    {
        TabularData data;
        try
        {
            data = TabularData.Parse(csv);
        }
        catch (DatasetFormatException ex)
        {
            throw new ArgumentException(ex.Message);
        }

        var info = new DatasetInfo(name, data.Columns, data.RowCount, ArtifactSignature.Sha256Hex(csv), csv.Length, clock.GetUtcNow());
        await store.Save(name, csv);
        state.State.Datasets[name] = info;
        await state.WriteStateAsync();
        return info;
    }

    public Task<DatasetInfo[]> List() =>
        Task.FromResult(state.State.Datasets.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray());
}
