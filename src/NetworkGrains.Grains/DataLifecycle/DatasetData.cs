using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>Datasets by age, through their catalog (its entries and the stored bytes go together; lineage stays).</summary>
public sealed class DatasetData(IGrainFactory grains, TimeSpan policy) : IRetainedData
{
    public string Kind => "datasets";

    public TimeSpan Policy => policy;

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default) =>
        await grains.GetGrain<IDatasetCatalogGrain>(IDatasetCatalogGrain.Key).RemoveOlderThan(cutoff, limit);
}
